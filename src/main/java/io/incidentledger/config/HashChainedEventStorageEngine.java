package io.incidentledger.config;

import java.util.Optional;

import io.incidentledger.ledger.chain.ChainHeads;
import io.incidentledger.ledger.chain.ChainedAppendStatement;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine that appends every event with its hash-chain values ({@link ChainedAppendStatement}).
 * A type of its own, so that {@link EventStoreGuard} can tell that the events in use are chained.
 *
 * <p>Snapshots go to their own table, unchained and outside the log: they are a cache of what the events say.
 */
public final class HashChainedEventStorageEngine extends JdbcEventStorageEngine {

    /** How many aggregates' newest entry hashes the chain keeps at hand (about 100 bytes each). */
    private static final int CHAIN_HEADS = 10_000;

    HashChainedEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder.appendEvents(new ChainedAppendStatement(new ChainHeads(CHAIN_HEADS))));
    }

    /**
     * Reads the snapshot's payload at once: the event store passes over a snapshot that fails here and replays the
     * events instead, whereas Axon would otherwise deserialize it only while loading the aggregate, and the command
     * would fail on it.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }
}
