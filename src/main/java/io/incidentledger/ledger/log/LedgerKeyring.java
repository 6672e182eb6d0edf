package io.incidentledger.ledger.log;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.incidentledger.ledger.api.LedgerKeyRotated;
import io.incidentledger.ledger.api.LedgerSigningKeyId;
import io.incidentledger.ledger.log.NoteVerifier.NoteVerificationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log's signing keys, current and retired, and which of them signs which checkpoint.
 *
 * <p>The keys themselves are files outside the database: the first key (the {@code signing-key-file}, or an entry of
 * the {@code signing-keystore}) and every key a rotation wrote next to it ({@link LedgerKeys#rotatedKeyFile}). Only
 * these keys are trusted: whoever holds the database but not the key directory cannot add a key. Which of them is
 * current, and for which tree sizes each one signed, the ledger says: its {@link LedgerKeyRotated} events, which are
 * hash-chained and in the Merkle log themselves ({@link KeySchedule}). Every node reads that under the admitter's
 * lock before it signs, so a rotation made on one node switches all of them; a node that does not yet have the new
 * key's file reads the directory again.
 */
public class LedgerKeyring {

    private static final Logger log = LoggerFactory.getLogger(LedgerKeyring.class);

    private final String keyName;
    private final Path firstKeyPath;
    private final NoteSigner first;
    private final Serializer serializer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, NoteSigner> signers = new ConcurrentHashMap<>();
    private final Map<String, NoteVerifier> verifiers = new ConcurrentHashMap<>();

    /**
     * @param firstKeyPath the first key's file or keystore, next to which rotated keys are kept
     * @param rotated      the keys found next to it at start-up
     * @param serializer   the event serializer, to read the rotation events
     */
    public LedgerKeyring(String keyName, Path firstKeyPath, NoteSigner first, List<NoteSigner> rotated,
                         Serializer serializer) {
        this.keyName = keyName;
        this.firstKeyPath = firstKeyPath;
        this.first = first;
        this.serializer = serializer;
        add(first);
        rotated.forEach(this::add);
    }

    /** The key that signed the log's first checkpoints, and signs until the first rotation. */
    public NoteSigner first() {
        return first;
    }

    /** Where rotated keys are written and looked for. */
    public Path directory() {
        return firstKeyPath.toAbsolutePath().getParent();
    }

    /** The private key for a verifier key, if it is one of the log's; the directory is read again when it is not. */
    public Optional<NoteSigner> signer(String verifierKey) {
        NoteSigner signer = signers.get(verifierKey);
        if (signer == null) {
            reload();
            signer = signers.get(verifierKey);
        }
        return Optional.ofNullable(signer);
    }

    /** Every key this node knows, as verifier keys, the first key first. */
    public List<String> verifierKeys() {
        List<String> keys = new ArrayList<>(List.of(first.verifierKey()));
        signers.keySet().stream().filter(key -> !key.equals(first.verifierKey())).sorted().forEach(keys::add);
        return keys;
    }

    /**
     * Generates a new key and writes it next to the first key, owner-only. It signs nothing until a rotation event
     * names it.
     *
     * @throws IOException if the file cannot be written (it is never overwritten)
     */
    public NoteSigner createNext() throws IOException {
        NoteSigner created = LedgerKeys.createRotated(firstKeyPath, keyName, random);
        add(created);
        log.info("Created a new ledger signing key {} in {}", created, directory());
        return created;
    }

    /** The schedule the ledger's rotation events describe, read with the caller's connection and transaction. */
    public KeySchedule schedule(JdbcTemplate jdbc) {
        List<KeySchedule.Rotation> rotations = jdbc.query("""
                        SELECT payload_type, payload_revision, payload, global_index FROM domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (row, index) -> rotation(row.getString(1), row.getString(2), row.getBytes(3), row.getLong(4)),
                LedgerSigningKeyId.VALUE);
        String firstKey = rotations.isEmpty() ? first.verifierKey() : rotations.get(0).oldVerifierKey();
        return new KeySchedule(firstKey, rotations);
    }

    private KeySchedule.Rotation rotation(String type, String revision, byte[] payload, long globalIndex) {
        Object event = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                new SimpleSerializedType(type, revision)));
        if (!(event instanceof LedgerKeyRotated rotated)) {
            throw new IllegalStateException("the signing key's event at global index " + globalIndex + " is a "
                    + type + ", not a key rotation");
        }
        return new KeySchedule.Rotation(rotated.oldVerifierKey(), rotated.newVerifierKey(), rotated.treeSize(),
                rotated.reason(), rotated.rotatedAt(), globalIndex);
    }

    /**
     * Checks a checkpoint's signature with the key the schedule says was current for its tree size, and returns its
     * text. A checkpoint signed by another of the log's keys (a retired key signing after its rotation) is refused.
     *
     * @throws NoteVerificationException if the note is not signed by that key, or the key is not one of the log's
     */
    public String verifyCheckpoint(KeySchedule schedule, String note, long treeSize) {
        String expected = schedule.keyFor(treeSize);
        if (signer(expected).isEmpty()) {
            throw new NoteVerificationException("the ledger names key " + KeySchedule.keyId(expected) + " for tree "
                    + "size " + treeSize + ", which is not one of the log's keys in " + directory());
        }
        try {
            return verifier(expected).verify(note);
        } catch (NoteVerificationException wrongKey) {
            for (KeySchedule.Period period : schedule.periods()) {
                if (!period.verifierKey().equals(expected) && signedBy(period.verifierKey(), note)) {
                    throw new NoteVerificationException("it is signed by key " + KeySchedule.keyId(period.verifierKey())
                            + ", which signs tree sizes " + period.range() + " only, not by key "
                            + KeySchedule.keyId(expected) + ", the log's key for tree size " + treeSize
                            + (period.retiredBy() != null && treeSize > period.lastTreeSize()
                            ? ": a retired key signed after its rotation" : ""), wrongKey);
                }
            }
            throw wrongKey;
        }
    }

    /**
     * Checks a note with whichever of the log's keys signed it, for checkpoints whose place in the schedule is not
     * known (the witness file, kept outside the database).
     */
    public String verifyAnyKey(String note) {
        SignedNote parsed;
        try {
            parsed = SignedNote.parse(note);
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("malformed signed note: " + e.getMessage(), e);
        }
        for (SignedNote.Signature signature : parsed.signatures()) {
            for (String key : verifierKeysReloaded()) {
                NoteVerifier verifier = verifier(key);
                if (verifier.keyName().equals(signature.keyName()) && verifier.keyId() == signature.keyId()) {
                    return verifier.verify(note);
                }
            }
        }
        throw new NoteVerificationException("the note has no signature by any of the log's keys");
    }

    private boolean signedBy(String verifierKey, String note) {
        try {
            verifier(verifierKey).verify(note);
            return true;
        } catch (NoteVerificationException | IllegalArgumentException e) {
            return false;
        }
    }

    private NoteVerifier verifier(String verifierKey) {
        return verifiers.computeIfAbsent(verifierKey, NoteVerifier::new);
    }

    private List<String> verifierKeysReloaded() {
        reload();
        return verifierKeys();
    }

    private void add(NoteSigner signer) {
        signers.putIfAbsent(signer.verifierKey(), signer);
    }

    /** Reads the directory again for keys a rotation on another node wrote; a file that cannot be read is skipped. */
    private synchronized void reload() {
        try {
            Map<String, NoteSigner> found = new LinkedHashMap<>();
            for (NoteSigner key : LedgerKeys.loadRotated(firstKeyPath)) {
                found.put(key.verifierKey(), key);
            }
            found.values().forEach(this::add);
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Cannot read the ledger's rotated keys next to {}: {}", firstKeyPath, unreadable.getMessage());
        }
    }
}
