package io.incidentledger.witness;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.SignedNote;

/**
 * The witness's settings, {@code incident-ledger.witness.*} in {@code witness.yml} (docs/witness.md). Not a
 * scanned {@code @ConfigurationProperties} class: the incident service scans for those across the whole code base,
 * and must not see the witness's.
 *
 * @param keyName the witness's cosigner name, which appears on every cosignature, e.g. {@code witness.example/w1}
 * @param keyFile the file holding the cosigner key, created at the first start and never replaced
 * @param maxRequestBytes the largest add-checkpoint body accepted; larger ones are answered 413
 * @param logs the logs this witness cosigns, each with its origin and the keys trusted to sign its checkpoints
 */
public record WitnessProperties(String keyName, Path keyFile, Integer maxRequestBytes, List<Log> logs) {

    /** The prefix of the witness's settings. */
    public static final String PREFIX = "incident-ledger.witness";

    /** The default body limit: a checkpoint with many signatures and 63 proof lines needs a few KiB. */
    static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

    /** Origins are keys of the witness's table; no real origin comes near this. */
    static final int MAX_ORIGIN_LENGTH = 1000;

    /**
     * Checks the settings, so that a witness with a missing name or an unusable log key does not start.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public WitnessProperties {
        if (keyName == null || !SignedNote.isValidKeyName(keyName)) {
            throw new IllegalArgumentException(PREFIX + ".key-name must be set to the witness's name, without spaces "
                    + "or '+', e.g. witness.example/w1 (found: " + keyName + ")");
        }
        if (keyFile == null) {
            keyFile = Path.of("witness-data", "witness.key");
        }
        if (maxRequestBytes == null) {
            maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException(PREFIX + ".max-request-bytes must be at least 1024");
        }
        if (logs == null || logs.isEmpty()) {
            throw new IllegalArgumentException("no log to witness: set " + PREFIX + ".logs[0].origin and "
                    + PREFIX + ".logs[0].verifier-keys");
        }
        Set<String> origins = new HashSet<>();
        for (int i = 0; i < logs.size(); i++) {
            Log log = logs.get(i);
            if (log == null) {
                throw new IllegalArgumentException(PREFIX + ".logs[" + i + "] is empty");
            }
            if (!origins.add(log.origin())) {
                throw new IllegalArgumentException(PREFIX + ".logs[" + i + "].origin " + log.origin()
                        + " is configured twice");
            }
        }
        logs = List.copyOf(logs);
    }

    /**
     * One log the witness cosigns.
     *
     * @param origin the log's origin, the first line of its checkpoints
     * @param verifierKeys the log's note verifier keys (type 0x01, Ed25519), as the log publishes them
     */
    public record Log(String origin, List<String> verifierKeys) {

        /**
         * Checks the origin and that every key is a valid Ed25519 note verifier key.
         *
         * @throws IllegalArgumentException if not
         */
        public Log {
            if (origin == null || origin.isEmpty() || origin.length() > MAX_ORIGIN_LENGTH
                    || origin.chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException("a log's origin must be one non-empty line of at most "
                        + MAX_ORIGIN_LENGTH + " characters (found: " + origin + ")");
            }
            if (verifierKeys == null || verifierKeys.isEmpty()) {
                throw new IllegalArgumentException("log " + origin + " needs at least one verifier key ("
                        + PREFIX + ".logs[n].verifier-keys)");
            }
            for (String key : verifierKeys) {
                try {
                    new NoteVerifier(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("log " + origin + ": " + e.getMessage(), e);
                }
            }
            verifierKeys = List.copyOf(verifierKeys);
        }
    }
}
