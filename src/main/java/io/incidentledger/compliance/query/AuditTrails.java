package io.incidentledger.compliance.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.incidentledger.compliance.api.AuditTrail;
import io.incidentledger.compliance.api.AuditTrailEntry;
import io.incidentledger.compliance.api.FindAuditTrail;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.ListIncidentEvents;
import io.incidentledger.incident.api.TimelineEntryView;
import io.incidentledger.ledger.api.FindLedgerEntries;
import io.incidentledger.ledger.api.LedgerEntriesView;
import io.incidentledger.ledger.api.StoredEventView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * An incident's audit trail: every event the incident recorded, in order, with who caused it, when it was recorded,
 * a readable line, its entry hash in the per-incident chain, its leaf in the Merkle log and where to fetch the
 * proof of its inclusion. Hashes and times are read exactly as stored (asked of the ledger); the lines and actors
 * come from the incident's stored events as the incident feature describes them, not from a view.
 */
@Component
public class AuditTrails {

    static final String UNKNOWN = "unknown";
    static final String INCLUSION_PROOF = "/api/ledger/proofs/inclusion?eventId=";

    private final QueryGateway queries;

    public AuditTrails(QueryGateway queries) {
        this.queries = queries;
    }

    /** The incident's trail, or empty when the store holds no event of it. */
    public Optional<AuditTrail> of(IncidentId incidentId) {
        String aggregate = incidentId.value();
        LedgerEntriesView ledger = queries.query(new FindLedgerEntries(aggregate),
                ResponseTypes.instanceOf(LedgerEntriesView.class)).join();
        if (ledger.events().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> leaves = new HashMap<>();
        ledger.leaves().forEach(leaf -> leaves.putIfAbsent(leaf.eventId(), leaf.leafIndex()));
        Map<String, TimelineEntryView> described = new HashMap<>();
        queries.query(new ListIncidentEvents(incidentId), ResponseTypes.multipleInstancesOf(TimelineEntryView.class))
                .join().forEach(entry -> described.put(entry.eventId(), entry));
        List<AuditTrailEntry> entries = ledger.events().stream().map(event -> entry(event,
                described.get(event.eventId()), leaves.get(event.eventId()))).toList();
        return Optional.of(new AuditTrail(aggregate, entries));
    }

    @QueryHandler
    Optional<AuditTrail> handle(FindAuditTrail query) {
        return of(query.incidentId());
    }

    private static AuditTrailEntry entry(StoredEventView event, TimelineEntryView described, Long leafIndex) {
        return new AuditTrailEntry(event.sequence(), event.eventId(), simpleName(event.payloadType()),
                event.recordedAt(), described == null ? UNKNOWN : described.actor(),
                described == null ? UNKNOWN : described.actorType(),
                described == null ? UNKNOWN : described.actorRoles(), described == null ? null : described.summary(),
                event.entryHash(), event.previousHash(), leafIndex,
                // event identifiers are UUIDs: nothing in them needs escaping in a query string
                INCLUSION_PROOF + event.eventId());
    }

    private static String simpleName(String className) {
        return className == null ? null
                : className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
