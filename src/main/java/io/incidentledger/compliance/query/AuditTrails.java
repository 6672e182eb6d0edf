package io.incidentledger.compliance.query;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.query.TimelineSummaries;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * An incident's audit trail: every event the incident recorded, in order, with who caused it, when it was recorded,
 * a readable line, its entry hash in the per-incident chain, its leaf in the Merkle log and where to fetch the
 * proof of its inclusion. Hashes and times are read exactly as stored; the summaries come from the deserialized
 * events, as the timeline shows them.
 */
@Component
public class AuditTrails {

    static final String UNKNOWN = "unknown";
    static final String INCLUSION_PROOF = "/api/ledger/proofs/inclusion?eventId=";

    private static final HexFormat HEX = HexFormat.of();

    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final EventStore eventStore;

    public AuditTrails(StoredEvents storedEvents, LedgerLog ledgerLog, EventStore eventStore) {
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.eventStore = eventStore;
    }

    /** The incident's trail, or empty when the store holds no event of it. */
    public Optional<AuditTrail> of(IncidentId incidentId) {
        String aggregate = incidentId.value();
        List<StoredEvent> stored = storedEvents.ofAggregate(aggregate);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> leaves = new HashMap<>();
        ledgerLog.leavesOfAggregate(aggregate).forEach(leaf -> leaves.putIfAbsent(leaf.eventIdentifier(),
                leaf.leafIndex()));
        Map<String, DomainEventMessage<?>> messages = new HashMap<>();
        eventStore.readEvents(aggregate).asStream().forEach(message -> messages.put(message.getIdentifier(), message));
        List<AuditTrailEntry> entries = stored.stream().map(event -> entry(event, messages.get(
                event.eventIdentifier()), leaves.get(event.eventIdentifier()))).toList();
        return Optional.of(new AuditTrail(aggregate, entries));
    }

    private static AuditTrailEntry entry(StoredEvent event, DomainEventMessage<?> message, Long leafIndex) {
        MetaData metaData = message == null ? MetaData.emptyInstance() : message.getMetaData();
        return new AuditTrailEntry(event.sequenceNumber(), event.eventIdentifier(), simpleName(event.payloadType()),
                event.timeStamp(), text(metaData, ActorMetadata.ACTOR), text(metaData, ActorMetadata.ACTOR_TYPE),
                text(metaData, ActorMetadata.ACTOR_ROLES), summary(message), hex(event.entryHash()),
                hex(event.previousHash()), leafIndex,
                // event identifiers are UUIDs: nothing in them needs escaping in a query string
                INCLUSION_PROOF + event.eventIdentifier());
    }

    /** The timeline's line for the event; none when its payload cannot be read with today's classes. */
    private static String summary(DomainEventMessage<?> message) {
        if (message == null) {
            return null;
        }
        try {
            return TimelineSummaries.summarize(message.getPayload()).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String simpleName(String className) {
        return className == null ? null
                : className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? UNKNOWN : value.toString();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    /** Every event of one incident, in sequence order. */
    public record AuditTrail(String incidentId, List<AuditTrailEntry> events) {
    }

    /**
     * One event of the trail.
     *
     * @param type           the payload type's simple name, e.g. {@code IncidentReported}
     * @param recordedAt     the stored {@code time_stamp} text, which the entry hash covers
     * @param summary        one readable line, or null for an event the timeline does not describe
     * @param entryHash      the event's hash in the incident's chain, lower-case hex
     * @param previousHash   the predecessor's entry hash (the genesis value for the first event)
     * @param leafIndex      the event's leaf in the Merkle log, or null until the log has admitted it
     * @param inclusionProof the ledger API address of the event's inclusion proof; it answers 404 until a signed
     *                       checkpoint covers the leaf
     */
    public record AuditTrailEntry(long sequence, String eventId, String type, String recordedAt, String actor,
                                  String actorType, String actorRoles, String summary, String entryHash,
                                  String previousHash, Long leafIndex, String inclusionProof) {
    }
}
