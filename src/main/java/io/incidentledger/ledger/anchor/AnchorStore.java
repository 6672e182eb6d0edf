package io.incidentledger.ledger.anchor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code ledger_anchor} table: every anchor transaction sent, with its status and, once included, its block.
 * Present whether anchoring is on or not, so that the anchors already made stay readable and go into bundles.
 */
@Component
public class AnchorStore {

    /** Broadcast, waiting for its confirmations (at most one at a time). */
    public static final String SENT = "SENT";
    /** Included with enough confirmations: final. */
    public static final String CONFIRMED = "CONFIRMED";
    /** Superseded by a transaction of the same nonce with higher fees. */
    public static final String REPLACED = "REPLACED";
    /** Its nonce was used by another transaction of the account, and it can never be mined. */
    public static final String DROPPED = "DROPPED";
    /** Mined, but the transaction failed. */
    public static final String FAILED = "FAILED";

    private static final String COLUMNS = "id, tree_size, root_hash, chain_id, from_address, to_address, nonce, "
            + "tx_hash, raw_transaction, status, broadcasts, sent_at, block_number, block_hash, block_time, "
            + "confirmed_at";

    private final JdbcTemplate jdbc;

    public AnchorStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One anchor transaction as recorded; block fields are null until a block holds it. */
    public record Anchor(long id, long treeSize, byte[] rootHash, long chainId, String fromAddress,
                         String toAddress, long nonce, String txHash, String rawTransaction, String status,
                         int broadcasts, Instant sentAt, Long blockNumber, String blockHash, Instant blockTime,
                         Instant confirmedAt) {
    }

    /** Every anchor, newest first. */
    public List<Anchor> all(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_anchor ORDER BY id DESC LIMIT ?", AnchorStore::anchor,
                limit);
    }

    /** The confirmed anchors of trees no larger than {@code treeSize}, smallest tree first. */
    public List<Anchor> confirmedUpTo(long treeSize) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_anchor WHERE status = ? AND tree_size <= ? "
                + "ORDER BY tree_size, id", AnchorStore::anchor, CONFIRMED, treeSize);
    }

    /** The confirmed anchors of exactly this tree size. */
    public List<Anchor> confirmedOf(long treeSize) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_anchor WHERE status = ? AND tree_size = ? ORDER BY id",
                AnchorStore::anchor, CONFIRMED, treeSize);
    }

    /** The transaction waiting for its confirmations, if any. */
    public Optional<Anchor> pending() {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_anchor WHERE status = ? ORDER BY id DESC",
                AnchorStore::anchor, SENT).stream().findFirst();
    }

    /** The newest anchor that is sent or confirmed: what the next one is measured from. */
    public Optional<Anchor> newestLive() {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_anchor WHERE status IN (?, ?) ORDER BY id DESC "
                + "LIMIT 1", AnchorStore::anchor, SENT, CONFIRMED).stream().findFirst();
    }

    /** The earlier transactions of the same nonce that a replacement superseded. */
    public List<Anchor> replacedOf(long nonce, String fromAddress) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_anchor WHERE status = ? AND nonce = ? "
                + "AND from_address = ? ORDER BY id DESC", AnchorStore::anchor, REPLACED, nonce, fromAddress);
    }

    /** Takes the anchorer's lock until the surrounding transaction ends: one node anchors at a time. */
    void lock() {
        jdbc.queryForObject("SELECT id FROM ledger_anchorer WHERE id = 1 FOR UPDATE", Integer.class);
    }

    void insert(long treeSize, byte[] rootHash, long chainId, String from, String to, long nonce, String txHash,
                String rawTransaction, Instant sentAt) {
        jdbc.update("INSERT INTO ledger_anchor (tree_size, root_hash, chain_id, from_address, to_address, nonce, "
                        + "tx_hash, raw_transaction, status, broadcasts, sent_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                treeSize, rootHash, chainId, from, to, nonce, txHash, rawTransaction, SENT, time(sentAt));
    }

    void status(long id, String status) {
        jdbc.update("UPDATE ledger_anchor SET status = ? WHERE id = ?", status, id);
    }

    void broadcastAgain(long id) {
        jdbc.update("UPDATE ledger_anchor SET broadcasts = broadcasts + 1, block_number = NULL, block_hash = NULL, "
                + "block_time = NULL WHERE id = ?", id);
    }

    void included(long id, long blockNumber, String blockHash, Instant blockTime) {
        jdbc.update("UPDATE ledger_anchor SET block_number = ?, block_hash = ?, block_time = ? WHERE id = ?",
                blockNumber, blockHash, time(blockTime), id);
    }

    void confirmed(long id, long blockNumber, String blockHash, Instant blockTime, Instant now) {
        jdbc.update("UPDATE ledger_anchor SET status = ?, block_number = ?, block_hash = ?, block_time = ?, "
                + "confirmed_at = ? WHERE id = ?", CONFIRMED, blockNumber, blockHash, time(blockTime), time(now), id);
    }

    private static Object time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Anchor anchor(ResultSet row, int index) throws SQLException {
        long blockNumber = row.getLong("block_number");
        Long block = row.wasNull() ? null : blockNumber;
        return new Anchor(row.getLong("id"), row.getLong("tree_size"), row.getBytes("root_hash"),
                row.getLong("chain_id"), row.getString("from_address"), row.getString("to_address"),
                row.getLong("nonce"), row.getString("tx_hash"), row.getString("raw_transaction"),
                row.getString("status"), row.getInt("broadcasts"), instant(row, "sent_at"), block,
                row.getString("block_hash"), instant(row, "block_time"), instant(row, "confirmed_at"));
    }
}
