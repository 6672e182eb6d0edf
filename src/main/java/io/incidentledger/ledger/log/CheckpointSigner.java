package io.incidentledger.ledger.log;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signs checkpoints of the log: the C2SP tlog-checkpoint body (origin, tree size, root hash) as a signed note with
 * the log's current Ed25519 key, stored in {@code ledger_checkpoint} as the exact text that was signed, with the
 * verifier key that signed it.
 *
 * <p>Which key is current the ledger says ({@link LedgerKeyring#schedule}); it is read under the admitter's lock
 * before every checkpoint, so that after a rotation on any node no node signs with the retired key again.
 */
public class CheckpointSigner {

    private final LedgerKeyring keyring;
    private final JdbcTemplate jdbc;
    private final String origin;
    private final Clock clock;

    public CheckpointSigner(LedgerKeyring keyring, JdbcTemplate jdbc, String origin, Clock clock) {
        this.keyring = keyring;
        this.jdbc = jdbc;
        this.origin = origin;
        this.clock = clock;
    }

    /**
     * Signs a checkpoint of the whole log if it grew since the newest checkpoint (or none exists yet) and, when
     * {@code notSignedSince} is given, the newest checkpoint is older than that. Runs under the admitter's lock.
     *
     * @throws IllegalStateException if the ledger's current key is not in the key directory on this node: then no
     *                               checkpoint is signed, rather than one with a retired key
     */
    void signIfGrown(JdbcTemplate jdbc, Instant notSignedSince) {
        long size = jdbc.queryForObject("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaf", Long.class);
        List<Object[]> newest = jdbc.query(
                "SELECT tree_size, signed_at FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (row, index) -> new Object[] {row.getLong(1), row.getObject(2, OffsetDateTime.class)});
        if (!newest.isEmpty()) {
            long signedSize = (Long) newest.get(0)[0];
            Instant signedAt = ((OffsetDateTime) newest.get(0)[1]).toInstant();
            if (signedSize >= size || (notSignedSince != null && signedAt.isAfter(notSignedSince))) {
                return;
            }
        }
        NoteSigner signer = currentSigner(jdbc);
        byte[] root = size == 0 ? MerkleHashes.emptyRoot() : new MerkleTree(new JdbcNodeSource(jdbc)).root(size);
        String note = signer.sign(new Checkpoint(origin, size, root).toNoteText());
        jdbc.update("INSERT INTO ledger_checkpoint (tree_size, root_hash, note, signed_at, verifier_key) "
                        + "VALUES (?, ?, ?, ?, ?)",
                size, root, note, clock.instant().atOffset(ZoneOffset.UTC), signer.verifierKey());
    }

    private NoteSigner currentSigner(JdbcTemplate jdbc) {
        String current = keyring.schedule(jdbc).current();
        return keyring.signer(current).orElseThrow(() -> new IllegalStateException("the ledger's current signing "
                + "key " + KeySchedule.keyId(current) + " is not in " + keyring.directory() + " on this node: no "
                + "checkpoint is signed until its file is there (docs/operations.md, \"Rotating the signing key\")"));
    }

    /** The verifier key of the log's current key: the one that signs the next checkpoint. */
    public String verifierKey() {
        return keyring.schedule(jdbc).current();
    }

    /** The verifier key that signs (or signed) the checkpoint of this tree size. */
    public String verifierKeyOf(long treeSize) {
        return keyring.schedule(jdbc).keyFor(treeSize);
    }
}
