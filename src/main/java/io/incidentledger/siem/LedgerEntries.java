package io.incidentledger.siem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.api.FindLoggedEvents;
import io.incidentledger.ledger.api.LoggedEventsView;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Merkle log's leaves in leaf order, each with its event as stored, for one export: through the ledger's
 * api ({@link FindLoggedEvents}), since a SIEM record carries the stored bytes.
 *
 * <p>It also follows each incident's severity (reported, triaged, escalated, de-escalated), to give every event of an
 * incident the severity the incident had then. What it remembers is a cache: when the event before is not the last
 * one it saw of that incident (after a restart, or a batch sent again), it reads the incident's earlier events from
 * the event store.
 */
class LedgerEntries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REMEMBERED_INCIDENTS = 10_000;
    /** The events that set an incident's severity, and the payload field that holds it. */
    private static final Map<String, String> SEVERITY_FIELDS = Map.of("IncidentReported", "severity",
            "IncidentTriaged", "severity", "IncidentEscalated", "to", "IncidentDeescalated", "to");

    private final QueryGateway queries;
    private final EventStore eventStore;
    private final Map<String, Known> severities = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > REMEMBERED_INCIDENTS;
        }
    };

    LedgerEntries(QueryGateway queries, EventStore eventStore) {
        this.queries = queries;
        this.eventStore = eventStore;
    }

    /**
     * The leaves {@code from}, {@code from + 1}, … in leaf order, at most {@code limit} of them; fewer (or none) when
     * the log is not that long yet, and never with a hole.
     */
    synchronized List<LedgerEntry> from(long from, int limit) {
        LoggedEventsView logged = queries.query(new FindLoggedEvents(from, limit),
                ResponseTypes.instanceOf(LoggedEventsView.class)).join();
        List<LedgerEntry> entries = new ArrayList<>(logged.events().size());
        for (LoggedEventsView.LoggedEvent event : logged.events()) {
            JsonNode actorFields = parse(event.metaData());
            Severity severity = LedgerEntry.INCIDENT.equals(event.aggregateType()) ? severity(
                    event.aggregateIdentifier(), event.sequenceNumber(), event.payloadType(), event.payload()) : null;
            entries.add(new LedgerEntry(event.leafIndex(), event.globalIndex(), event.eventIdentifier(),
                    event.aggregateIdentifier(), event.aggregateType(), event.sequenceNumber(), event.timeStamp(),
                    event.payloadType(), event.payloadRevision(), event.payload(), event.metaData(),
                    event.previousHash(), event.entryHash(), severity, text(actorFields, ActorMetadata.ACTOR),
                    text(actorFields, ActorMetadata.ACTOR_TYPE)));
        }
        return entries;
    }

    private Severity severity(String incident, long sequence, String payloadType, byte[] payload) {
        Severity set = severitySetBy(payloadType, payload);
        if (set == null) {
            Known known = severities.get(incident);
            set = known != null && known.sequence() == sequence - 1 ? known.severity() : lastSeverityBefore(incident,
                    sequence);
        }
        severities.put(incident, new Known(sequence, set));
        return set;
    }

    /** The severity the incident's last severity-setting event before {@code sequence} set, from the event store. */
    private Severity lastSeverityBefore(String incident, long sequence) {
        Severity last = null;
        DomainEventStream events = eventStore.readEvents(incident);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() >= sequence) {
                break;
            }
            Object payload = event.getPayload();
            Severity set = null;
            if (payload instanceof IncidentReported reported) {
                set = reported.severity();
            } else if (payload instanceof IncidentTriaged triaged) {
                set = triaged.severity();
            } else if (payload instanceof IncidentEscalated escalated) {
                set = escalated.to();
            } else if (payload instanceof IncidentDeescalated deescalated) {
                set = deescalated.to();
            }
            if (set != null) {
                last = set;
            }
        }
        return last;
    }

    /** The severity the event sets, or null when it sets none. */
    static Severity severitySetBy(String payloadType, byte[] payload) {
        String field = SEVERITY_FIELDS.get(payloadType.substring(payloadType.lastIndexOf('.') + 1));
        if (field == null) {
            return null;
        }
        String value = text(parse(payload), field);
        try {
            return value == null ? null : Severity.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The JSON object in the bytes, or null when they hold none. */
    static JsonNode parse(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String text(JsonNode object, String field) {
        if (object == null) {
            return null;
        }
        JsonNode value = object.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private record Known(long sequence, Severity severity) {
    }
}
