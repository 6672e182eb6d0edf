package io.incidentledger.config;

import io.incidentledger.ledger.chain.ChainHeads;
import io.incidentledger.ledger.chain.ChainedAppendStatement;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine that appends every event with its hash-chain values ({@link ChainedAppendStatement}).
 * A type of its own, so that {@link EventStoreGuard} can tell that the events in use are chained.
 */
public final class HashChainedEventStorageEngine extends JdbcEventStorageEngine {

    /** How many aggregates' newest entry hashes the chain keeps at hand (about 100 bytes each). */
    private static final int CHAIN_HEADS = 10_000;

    HashChainedEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder.appendEvents(new ChainedAppendStatement(new ChainHeads(CHAIN_HEADS))));
    }
}
