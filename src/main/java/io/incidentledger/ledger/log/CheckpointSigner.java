package io.incidentledger.ledger.log;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);

    private final LedgerKeyring keyring;
    private final JdbcTemplate jdbc;
    private final String origin;
    private final Clock clock;
    /** The current key last found missing, so that its absence is logged once, not on every pass. */
    private volatile String missingKey;

    public CheckpointSigner(LedgerKeyring keyring, JdbcTemplate jdbc, String origin, Clock clock) {
        this.keyring = keyring;
        this.jdbc = jdbc;
        this.origin = origin;
        this.clock = clock;
    }

    /**
     * Signs a checkpoint of the whole log if it grew since the newest checkpoint (or none exists yet) and, when
     * {@code notSignedSince} is given, the newest checkpoint is older than that. Runs under the admitter's lock.
     * When the ledger's current key is not in the key directory on this node, it signs nothing, rather than sign
     * with a retired key, and says so once.
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
        Optional<NoteSigner> current = currentSigner(jdbc);
        if (current.isEmpty()) {
            return;
        }
        NoteSigner signer = current.get();
        byte[] root = size == 0 ? MerkleHashes.emptyRoot() : new MerkleTree(new JdbcNodeSource(jdbc)).root(size);
        String note = signer.sign(new Checkpoint(origin, size, root).toNoteText());
        jdbc.update("INSERT INTO ledger_checkpoint (tree_size, root_hash, note, signed_at, verifier_key) "
                        + "VALUES (?, ?, ?, ?, ?)",
                size, root, note, clock.instant().atOffset(ZoneOffset.UTC), signer.verifierKey());
    }

    private Optional<NoteSigner> currentSigner(JdbcTemplate jdbc) {
        String current = keyring.schedule(jdbc).current();
        Optional<NoteSigner> signer = keyring.signer(current);
        if (signer.isEmpty() && !Objects.equals(missingKey, current)) {
            log.error("The ledger's current signing key {} is not in {} on this node: this node signs no checkpoint "
                    + "until its file is there (docs/operations.md, \"Rotating the signing key\")",
                    KeySchedule.keyId(current), keyring.directory());
        }
        missingKey = signer.isEmpty() ? current : null;
        return signer;
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
