package io.incidentledger.ledger.web;

import static io.incidentledger.ledger.web.LedgerViews.hex;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.web.LedgerViews.EventView;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.web.IncidentPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident's stored events as the ledger holds them: identity, stored type and time, who caused each (from its
 * stored metadata), the hash chain and the event's leaf in the Merkle log. Payloads are not shown.
 */
@Tag(name = "Ledger")
@RestController
class IncidentEventsController {

    static final String UNKNOWN = "unknown";

    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final JsonMapper jsonMapper;

    IncidentEventsController(StoredEvents storedEvents, LedgerLog ledgerLog, JsonMapper jsonMapper) {
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.jsonMapper = jsonMapper;
    }

    @Operation(summary = "List an incident's stored events", description = "As stored, with their hashes and "
            + "metadata.")
    @GetMapping(path = "/api/incidents/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    List<EventView> events(@PathVariable String id) {
        String aggregate = IncidentPaths.incidentId(id).value();
        List<StoredEvent> events = storedEvents.ofAggregate(aggregate);
        if (events.isEmpty()) {
            throw IncidentPaths.notFound(id);
        }
        Map<String, Long> leaves = ledgerLog.leavesOfAggregate(aggregate).stream()
                .collect(Collectors.toMap(LedgerLog.Leaf::eventIdentifier, LedgerLog.Leaf::leafIndex,
                        (first, second) -> first));
        return events.stream().map(event -> view(event, leaves::get)).toList();
    }

    private EventView view(StoredEvent event, Function<String, Long> leafIndex) {
        JsonNode metaData = metaData(event.metaData());
        String payloadType = event.payloadType();
        return new EventView(event.sequenceNumber(), event.eventIdentifier(), simpleName(payloadType), payloadType,
                event.payloadRevision(), event.timeStamp(), event.globalIndex(),
                text(metaData, ActorMetadata.ACTOR), text(metaData, ActorMetadata.ACTOR_TYPE),
                text(metaData, ActorMetadata.ACTOR_ROLES), optionalText(metaData, ActorMetadata.ACTOR_ISSUER),
                optionalText(metaData, ActorMetadata.ACTOR_SUBJECT), optionalText(metaData, ActorMetadata.ACTOR_TOKEN),
                hex(event.entryHash()), hex(event.previousHash()),
                leafIndex.apply(event.eventIdentifier()));
    }

    /** The part of a class name after its package and enclosing classes. */
    static String simpleName(String className) {
        if (className == null) {
            return null;
        }
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    private JsonNode metaData(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return jsonMapper.missingNode();
        }
        try {
            return jsonMapper.readTree(stored);
        } catch (JacksonException unreadable) {
            return jsonMapper.missingNode();
        }
    }

    /** An actor key only some principals have: null when absent. */
    private static String optionalText(JsonNode metaData, String key) {
        JsonNode value = metaData.isObject() ? metaData.path(key) : null;
        return value == null || !value.isString() ? null : value.asString();
    }

    private static String text(JsonNode metaData, String key) {
        JsonNode value = metaData.isObject() ? metaData.path(key) : null;
        if (value == null || value.isMissingNode() || value.isNull()) {
            return UNKNOWN;
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
