package io.incidentledger.ledger.log;

import java.util.HexFormat;

import io.incidentledger.ledger.api.CheckpointView;
import io.incidentledger.ledger.api.FindLedgerEntries;
import io.incidentledger.ledger.api.FindLoggedEvents;
import io.incidentledger.ledger.api.LedgerEntriesView;
import io.incidentledger.ledger.api.LogLeafView;
import io.incidentledger.ledger.api.LoggedEventsView;
import io.incidentledger.ledger.api.StoredEventView;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.witness.Cosignatures;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers other features' questions about the ledger: what it holds for an aggregate, and its leaves in order with
 * their events, as stored. Reads only; the
 * hashes go out in hex, the signed note exactly as signed, with the witnesses' cosignatures.
 */
@Component
class LedgerQueries {

    private static final HexFormat HEX = HexFormat.of();

    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final Cosignatures cosignatures;

    LedgerQueries(StoredEvents storedEvents, LedgerLog ledgerLog, Cosignatures cosignatures) {
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.cosignatures = cosignatures;
    }

    @QueryHandler
    LedgerEntriesView handle(FindLedgerEntries query) {
        String aggregate = query.aggregateIdentifier();
        return new LedgerEntriesView(aggregate,
                storedEvents.ofAggregate(aggregate).stream().map(event -> new StoredEventView(event.sequenceNumber(),
                        event.eventIdentifier(), event.payloadType(), event.timeStamp(), hex(event.previousHash()),
                        hex(event.entryHash()))).toList(),
                ledgerLog.leavesOfAggregate(aggregate).stream().map(leaf -> new LogLeafView(leaf.leafIndex(),
                        leaf.eventIdentifier(), leaf.sequenceNumber(), hex(leaf.entryHash()))).toList(),
                ledgerLog.latestCheckpoint().map(this::checkpoint).orElse(null));
    }

    @QueryHandler
    LoggedEventsView handle(FindLoggedEvents query) {
        return new LoggedEventsView(ledgerLog.loggedEvents(query.fromLeaf(), query.limit()));
    }

    private CheckpointView checkpoint(LedgerLog.StoredCheckpoint stored) {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(stored.note()).text());
        return new CheckpointView(cosignatures.cosignedNote(stored), checkpoint.origin(), checkpoint.treeSize(),
                checkpoint.rootHashBase64(), HEX.formatHex(checkpoint.rootHash()));
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }
}
