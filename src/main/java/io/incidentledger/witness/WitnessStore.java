package io.incidentledger.witness;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The witness's database (migrations in {@code db/witness}): per log, the latest cosigned checkpoint, and the
 * evidence of refused checkpoints. The same SQL runs on H2 and PostgreSQL.
 *
 * <p>Each configured log has a row from the start, with no checkpoint until the first is cosigned, so that every
 * add-checkpoint request can lock its log's row ({@code SELECT … FOR UPDATE}) before checking the old size: the
 * check and the update are then atomic, and two concurrent requests can never roll the stored size back.
 */
class WitnessStore {

    private final JdbcTemplate jdbc;

    WitnessStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the log's row, without a checkpoint, unless it exists. */
    void ensureLog(String origin) {
        try {
            jdbc.update("INSERT INTO witness_log_state (origin) SELECT ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM witness_log_state WHERE origin = ?)", origin, origin);
        } catch (DuplicateKeyException e) {
            // Another witness process on the same database created it at the same moment.
        }
    }

    /**
     * Locks the log's row until the end of the transaction and returns its latest cosigned checkpoint, if any.
     * Must run in a transaction.
     */
    Optional<StoredCheckpoint> lockLatest(String origin) {
        List<Optional<StoredCheckpoint>> rows = jdbc.query("SELECT origin, tree_size, root_hash, received_note, "
                + "served_note, cosigned_at FROM witness_log_state WHERE origin = ? FOR UPDATE", this::mapState, origin);
        if (rows.isEmpty()) {
            ensureLog(origin);
            rows = jdbc.query("SELECT origin, tree_size, root_hash, received_note, served_note, cosigned_at "
                    + "FROM witness_log_state WHERE origin = ? FOR UPDATE", this::mapState, origin);
        }
        return rows.get(0);
    }

    /** The latest cosigned checkpoint of the log, without locking. */
    Optional<StoredCheckpoint> latest(String origin) {
        return jdbc.query("SELECT origin, tree_size, root_hash, received_note, served_note, cosigned_at "
                + "FROM witness_log_state WHERE origin = ?", this::mapState, origin).stream().findFirst()
                .flatMap(state -> state);
    }

    /**
     * Records a newly cosigned checkpoint, only if the stored size is still the one checked: with the row locked
     * it always is, and the condition keeps it so if a caller forgot the lock.
     *
     * @param expectedSize the stored size the request was checked against; null if none was stored
     * @return whether the row was updated
     */
    boolean update(StoredCheckpoint checkpoint, Long expectedSize) {
        String condition = expectedSize == null ? "tree_size IS NULL" : "tree_size = ?";
        Object[] arguments = expectedSize == null
                ? new Object[] {checkpoint.treeSize(), checkpoint.rootHashBase64(), checkpoint.receivedNote(),
                    checkpoint.servedNote(), Timestamp.from(checkpoint.cosignedAt()), checkpoint.origin()}
                : new Object[] {checkpoint.treeSize(), checkpoint.rootHashBase64(), checkpoint.receivedNote(),
                    checkpoint.servedNote(), Timestamp.from(checkpoint.cosignedAt()), checkpoint.origin(),
                    expectedSize};
        return jdbc.update("UPDATE witness_log_state SET tree_size = ?, root_hash = ?, received_note = ?, "
                + "served_note = ?, cosigned_at = ? WHERE origin = ? AND " + condition, arguments) == 1;
    }

    /** Keeps a refused checkpoint as evidence. */
    void recordEvidence(String origin, Instant detectedAt, String reason, long oldSize,
            Optional<StoredCheckpoint> stored, long submittedSize, String submittedRoot, String submittedNote,
            List<byte[]> consistencyProof) {
        String proof = String.join("\n", consistencyProof.stream().map(Base64.getEncoder()::encodeToString).toList());
        jdbc.update("INSERT INTO witness_evidence (origin, detected_at, reason, old_size, stored_size, stored_root, "
                + "stored_note, submitted_size, submitted_root, submitted_note, consistency_proof) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                origin, Timestamp.from(detectedAt), reason, oldSize,
                stored.map(StoredCheckpoint::treeSize).orElse(null),
                stored.map(StoredCheckpoint::rootHashBase64).orElse(null),
                stored.map(StoredCheckpoint::receivedNote).orElse(null),
                submittedSize, submittedRoot, submittedNote, proof);
    }

    /** Every piece of evidence, oldest first. */
    List<Evidence> evidence() {
        return jdbc.query("SELECT id, origin, detected_at, reason, old_size, stored_note, submitted_note, "
                + "consistency_proof FROM witness_evidence ORDER BY id", (rs, row) -> new Evidence(
                        rs.getLong("id"), rs.getString("origin"), rs.getTimestamp("detected_at").toInstant(),
                        rs.getString("reason"), rs.getLong("old_size"), rs.getString("stored_note"),
                        rs.getString("submitted_note"), proofLines(rs.getString("consistency_proof"))));
    }

    private static List<String> proofLines(String proof) {
        return proof.isEmpty() ? List.of() : Arrays.asList(proof.split("\n"));
    }

    private Optional<StoredCheckpoint> mapState(ResultSet rs, int row) throws SQLException {
        long size = rs.getLong("tree_size");
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new StoredCheckpoint(rs.getString("origin"), size,
                Base64.getDecoder().decode(rs.getString("root_hash")), rs.getString("received_note"),
                rs.getString("served_note"), rs.getTimestamp("cosigned_at").toInstant()));
    }
}
