package io.incidentledger.ledger.log;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signs checkpoints of the log: the C2SP tlog-checkpoint body (origin, tree size, root hash) as a signed note with
 * the log's Ed25519 key, stored in {@code ledger_checkpoint} as the exact text that was signed.
 */
public class CheckpointSigner {

    private final NoteSigner signer;
    private final String origin;
    private final Clock clock;

    public CheckpointSigner(NoteSigner signer, String origin, Clock clock) {
        this.signer = signer;
        this.origin = origin;
        this.clock = clock;
    }

    /**
     * Signs a checkpoint of the whole log if it grew since the newest checkpoint (or none exists yet) and, when
     * {@code notSignedSince} is given, the newest checkpoint is older than that. Runs under the admitter's lock.
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
        byte[] root = size == 0 ? MerkleHashes.emptyRoot() : new MerkleTree(new JdbcNodeSource(jdbc)).root(size);
        String note = signer.sign(new Checkpoint(origin, size, root).toNoteText());
        jdbc.update("INSERT INTO ledger_checkpoint (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)",
                size, root, note, clock.instant().atOffset(ZoneOffset.UTC));
    }

    public String verifierKey() {
        return signer.verifierKey();
    }
}
