package io.incidentledger.ledger.witness;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.incidentledger.ledger.log.LedgerLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The witnesses' cosignatures of the log's checkpoints ({@code ledger_cosignature}), what the log knows of each
 * witness ({@code ledger_witness}) and the evidence of split views ({@code ledger_witness_conflict}).
 *
 * <p>A cosignature is stored only after it verified; the served note is the log's signed note with the stored lines
 * appended, ordered by witness name, so it is the same on every node.
 */
public class Cosignatures {

    private final JdbcTemplate jdbc;

    public Cosignatures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A verified cosignature as stored. */
    public record Cosignature(long treeSize, String witnessName, int keyId, long cosignedAt, String line) {
    }

    /** What the log knows of one witness. */
    public record WitnessState(String witnessName, int keyId, long cosignedSize, Instant lastAttemptAt,
                               Instant lastSuccessAt, String lastError) {
    }

    /** Keeps a verified cosignature; a second copy of the same witness's cosignature of that size is ignored. */
    void add(Cosignature cosignature, Instant receivedAt) {
        try {
            jdbc.update("""
                            INSERT INTO ledger_cosignature (tree_size, witness_name, key_id, cosigned_at, line,
                                received_at)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    cosignature.treeSize(), cosignature.witnessName(), Integer.toUnsignedLong(cosignature.keyId()),
                    cosignature.cosignedAt(), cosignature.line(), receivedAt.atOffset(ZoneOffset.UTC));
        } catch (DuplicateKeyException alreadyKept) {
            // another node kept the same witness's cosignature of this checkpoint first
        }
    }

    public List<Cosignature> of(long treeSize) {
        return jdbc.query("""
                        SELECT tree_size, witness_name, key_id, cosigned_at, line FROM ledger_cosignature
                        WHERE tree_size = ? ORDER BY witness_name, key_id""",
                (row, index) -> new Cosignature(row.getLong(1), row.getString(2), (int) row.getLong(3),
                        row.getLong(4), row.getString(5)), treeSize);
    }

    /** The checkpoint's signed note with every stored cosignature line appended. */
    public String cosignedNote(LedgerLog.StoredCheckpoint checkpoint) {
        StringBuilder note = new StringBuilder(checkpoint.note());
        for (Cosignature cosignature : of(checkpoint.treeSize())) {
            note.append(cosignature.line()).append('\n');
        }
        return note.toString();
    }

    /**
     * The largest tree size at least {@code minSize} that {@code quorum} of the given witnesses have cosigned, if
     * any. Only cosignatures of configured witnesses count: a witness removed from the configuration no longer does.
     */
    public Optional<Long> newestWitnessed(long minSize, int quorum, List<ConfiguredWitness> witnesses) {
        if (witnesses.isEmpty() || quorum <= 0) {
            return Optional.empty();
        }
        StringBuilder counted = new StringBuilder();
        Object[] arguments = new Object[witnesses.size() * 2 + 2];
        arguments[0] = minSize;
        int next = 1;
        for (ConfiguredWitness witness : witnesses) {
            counted.append(counted.isEmpty() ? "" : " OR ").append("(witness_name = ? AND key_id = ?)");
            arguments[next++] = witness.name();
            arguments[next++] = Integer.toUnsignedLong(witness.keyId());
        }
        arguments[next] = quorum;
        List<Long> sizes = jdbc.queryForList("SELECT tree_size FROM ledger_cosignature WHERE tree_size >= ? AND ("
                + counted + ") GROUP BY tree_size HAVING COUNT(*) >= ? ORDER BY tree_size DESC LIMIT 1", Long.class,
                arguments);
        return sizes.stream().findFirst();
    }

    /** The size of the newest checkpoint signed at or before {@code time}, if any. */
    Optional<Long> newestSignedBy(Instant time) {
        return jdbc.queryForList("SELECT tree_size FROM ledger_checkpoint WHERE signed_at <= ? "
                + "ORDER BY tree_size DESC LIMIT 1", Long.class, time.atOffset(ZoneOffset.UTC)).stream().findFirst();
    }

    /** The size of the newest checkpoint the witness is known to have cosigned for this log; 0 when none. */
    long cosignedSize(ConfiguredWitness witness) {
        return state(witness).map(WitnessState::cosignedSize).orElse(0L);
    }

    public Optional<WitnessState> state(ConfiguredWitness witness) {
        return jdbc.query("""
                        SELECT witness_name, key_id, cosigned_size, last_attempt_at, last_success_at, last_error
                        FROM ledger_witness WHERE witness_name = ? AND key_id = ?""",
                (row, index) -> new WitnessState(row.getString(1), (int) row.getLong(2), row.getLong(3),
                        instant(row.getObject(4, OffsetDateTime.class)),
                        instant(row.getObject(5, OffsetDateTime.class)), row.getString(6)),
                witness.name(), Integer.toUnsignedLong(witness.keyId())).stream().findFirst();
    }

    /** Records a request's outcome: the witness's cosigned size as now known, and the error if it failed. */
    void recordAttempt(ConfiguredWitness witness, long cosignedSize, Instant at, String error) {
        Object success = error == null ? at.atOffset(ZoneOffset.UTC) : null;
        String kept = error == null ? null : error.length() > 2000 ? error.substring(0, 1999) + "…" : error;
        upsert(witness, cosignedSize, at, """
                UPDATE ledger_witness SET cosigned_size = ?, last_attempt_at = ?,
                    last_success_at = COALESCE(?, last_success_at), last_error = ?
                WHERE witness_name = ? AND key_id = ?""", success, kept);
    }

    /**
     * Records the witness's size as it named it in a 409, which is neither a success nor a failure: the last success
     * and the last error stay as they were.
     */
    void recordSize(ConfiguredWitness witness, long cosignedSize, Instant at) {
        upsert(witness, cosignedSize, at, """
                UPDATE ledger_witness SET cosigned_size = ?, last_attempt_at = ?
                WHERE witness_name = ? AND key_id = ?""");
    }

    /**
     * Runs {@code update} with the size, the time, {@code outcome} and the witness's key, or inserts the row when
     * there is none yet (with the outcome, or no success and no error).
     */
    private void upsert(ConfiguredWitness witness, long cosignedSize, Instant at, String update, Object... outcome) {
        List<Object> arguments = new ArrayList<>(List.of(cosignedSize, at.atOffset(ZoneOffset.UTC)));
        arguments.addAll(Arrays.asList(outcome));
        arguments.add(witness.name());
        arguments.add(Integer.toUnsignedLong(witness.keyId()));
        if (jdbc.update(update, arguments.toArray()) > 0) {
            return;
        }
        try {
            jdbc.update("""
                            INSERT INTO ledger_witness (witness_name, key_id, cosigned_size, last_attempt_at,
                                last_success_at, last_error)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    witness.name(), Integer.toUnsignedLong(witness.keyId()), cosignedSize,
                    at.atOffset(ZoneOffset.UTC), outcome.length > 0 ? outcome[0] : null,
                    outcome.length > 1 ? outcome[1] : null);
        } catch (DuplicateKeyException insertedMeanwhile) {
            upsert(witness, cosignedSize, at, update, outcome);
        }
    }

    /** Keeps the evidence of a split view once per witness and size; returns whether it was new. */
    boolean addConflict(ConfiguredWitness witness, long witnessSize, String witnessNote, long logSize, byte[] logRoot,
                        String detail, Instant foundAt) {
        try {
            jdbc.update("""
                            INSERT INTO ledger_witness_conflict (witness_name, key_id, witness_size, witness_note,
                                log_size, log_root, detail, found_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    witness.name(), Integer.toUnsignedLong(witness.keyId()), witnessSize, witnessNote, logSize,
                    logRoot, detail, foundAt.atOffset(ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException alreadyKept) {
            return false;
        }
    }

    /** A split view's evidence as kept. */
    public record Conflict(String witnessName, long witnessSize, String witnessNote, long logSize, String detail,
                           Instant foundAt) {
    }

    public List<Conflict> conflicts() {
        return jdbc.query("""
                        SELECT witness_name, witness_size, witness_note, log_size, detail, found_at
                        FROM ledger_witness_conflict ORDER BY found_at DESC""",
                (row, index) -> new Conflict(row.getString(1), row.getLong(2), row.getString(3), row.getLong(4),
                        row.getString(5), instant(row.getObject(6, OffsetDateTime.class))));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
