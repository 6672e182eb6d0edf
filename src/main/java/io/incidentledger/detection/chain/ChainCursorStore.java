package io.incidentledger.detection.chain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code chain_follower_cursor} and {@code chain_follower_block} tables: per chain, the next block to read, the
 * node whose lease lets it follow the chain, and the hashes of the newest processed blocks. Every change but the
 * claim itself is made only by the node holding the lease; a node that has lost it is told so and stops.
 */
@Component
class ChainCursorStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ChainCursorStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Another node took the chain over: this one must stop following it. */
    static final class LeaseLost extends RuntimeException {

        LeaseLost(String chain) {
            super("another node follows " + chain + " now", null, false, false);
        }
    }

    /** A processed block. */
    record StoredBlock(long number, String hash) {
    }

    /**
     * Takes or renews the lease on a chain until {@code until}: granted when nobody holds it, this node does, or the
     * holder's has run out. The first claim of a chain creates its cursor at {@code start}.
     *
     * @return whether this node holds the lease now
     */
    boolean claim(String chain, String owner, Instant now, Instant until, LongSupplier start) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM chain_follower_cursor WHERE chain = ?", Long.class, chain)
                == 0) {
            try {
                jdbc.update("INSERT INTO chain_follower_cursor (chain, next_block, lease_owner, lease_until, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?)", chain, start.getAsLong(), owner, time(until),
                        time(now));
                return true;
            } catch (DuplicateKeyException claimedConcurrently) {
                // another node created it at the same moment: claim as below
            }
        }
        return jdbc.update("UPDATE chain_follower_cursor SET lease_owner = ?, lease_until = ? WHERE chain = ? "
                + "AND (lease_owner = ? OR lease_owner IS NULL OR lease_until < ?)", owner, time(until), chain, owner,
                time(now)) == 1;
    }

    /** Gives the lease up, so that another node may take the chain over at once. */
    void release(String chain, String owner) {
        jdbc.update("UPDATE chain_follower_cursor SET lease_owner = NULL, lease_until = NULL WHERE chain = ? "
                + "AND lease_owner = ?", chain, owner);
    }

    /** The next block to read. */
    long next(String chain) {
        return jdbc.queryForObject("SELECT next_block FROM chain_follower_cursor WHERE chain = ?", Long.class, chain);
    }

    /** The newest processed block still kept. */
    Optional<StoredBlock> newest(String chain) {
        return jdbc.query("SELECT block_number, block_hash FROM chain_follower_block WHERE chain = ? "
                        + "ORDER BY block_number DESC LIMIT 1",
                (row, index) -> new StoredBlock(row.getLong(1), row.getString(2)), chain).stream().findFirst();
    }

    /** The hash of a processed block, if it is still kept. */
    Optional<String> hash(String chain, long number) {
        List<String> hashes = jdbc.queryForList("SELECT block_hash FROM chain_follower_block WHERE chain = ? "
                + "AND block_number = ?", String.class, chain, number);
        return hashes.stream().findFirst();
    }

    /**
     * Records a block as processed and moves the cursor past it, renewing the lease; forgets blocks older than
     * {@code keep} below it.
     */
    void processed(String chain, String owner, long number, String hash, int keep, Instant now, Instant until) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE chain_follower_cursor SET next_block = ?, lease_until = ?, updated_at = ? "
                    + "WHERE chain = ? AND lease_owner = ?", number + 1, time(until), time(now), chain, owner) != 1) {
                throw new LeaseLost(chain);
            }
            jdbc.update("DELETE FROM chain_follower_block WHERE chain = ? AND (block_number >= ? OR block_number <= ?)",
                    chain, number, number - keep);
            jdbc.update("INSERT INTO chain_follower_block (chain, block_number, block_hash) VALUES (?, ?, ?)", chain,
                    number, hash);
        });
    }

    /** Moves the cursor back to a replaced block, forgetting it and every block above it. */
    void rewind(String chain, String owner, long number, Instant now) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE chain_follower_cursor SET next_block = ?, updated_at = ? WHERE chain = ? "
                    + "AND lease_owner = ?", number, time(now), chain, owner) != 1) {
                throw new LeaseLost(chain);
            }
            jdbc.update("DELETE FROM chain_follower_block WHERE chain = ? AND block_number >= ?", chain, number);
        });
    }

    private static Object time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
