package io.incidentledger.ledger;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the tamper-evident ledger.
 *
 * @param origin                      the first line of every checkpoint: the log's unique name (C2SP tlog-checkpoint)
 * @param keyName                     the name of the Ed25519 key in signed notes
 * @param signingKeyFile              where the log's first signing key is kept, outside the database, in the note
 *                                    signer-key encoding; keys made by a rotation are written next to it
 * @param createKeyIfMissing          whether to create the key file on first start
 * @param signingKeystore             a PKCS#12 keystore holding the log's first signing key, used in place of
 *                                    {@code signingKeyFile} when set; keys made by a rotation are written next to it
 * @param signingKeystoreAlias        the keystore entry of the Ed25519 key
 * @param signingKeystorePasswordEnv  the name of the environment variable holding the keystore's password (the
 *                                    password itself is never a setting)
 * @param witnessFile                 where the background verifier keeps the newest checkpoint it has verified,
 *                                    outside the database, so that a log rolled back behind it is caught even after a
 *                                    restart; the file names the log it belongs to
 * @param acceptLogId                 the identity of the database's log, to accept that log in place of the one the
 *                                    witness file belongs to (after the database was replaced); unset, the service
 *                                    refuses to start on such a mismatch
 * @param admitInterval               how often the admitter looks for newly committed events
 * @param checkpointInterval          the shortest time between two checkpoints while new leaves arrive
 * @param admitBatchSize              the most events admitted in one transaction
 * @param holeGrace                   how long the admitter watches a hole in the store's global index, at the least,
 *                                    before it may give the hole up as never to be filled (docs/ledger-verification.md)
 * @param verifyInterval              how often the background verifier checks what the store gained since its last
 *                                    intact pass (the whole store: at start-up and every
 *                                    {@code verification.full-verify-interval})
 */
@Validated
@ConfigurationProperties("incident-ledger.ledger")
public record LedgerProperties(@NotBlank @Pattern(regexp = "[^\\s]+") String origin,
                               @NotBlank @Pattern(regexp = "[^\\s+]+") String keyName,
                               @NotNull Path signingKeyFile,
                               boolean createKeyIfMissing,
                               Path signingKeystore,
                               String signingKeystoreAlias,
                               String signingKeystorePasswordEnv,
                               @NotNull Path witnessFile,
                               @NotNull Duration admitInterval,
                               @NotNull Duration checkpointInterval,
                               @Positive int admitBatchSize,
                               @NotNull Duration holeGrace,
                               @NotNull Duration verifyInterval,
                               String acceptLogId) {

    /** The keystore entry read when {@code signing-keystore-alias} is not set. */
    public static final String DEFAULT_KEYSTORE_ALIAS = "ledger";

    /** The environment variable read when {@code signing-keystore-password-env} is not set. */
    public static final String DEFAULT_KEYSTORE_PASSWORD_ENV = "INCIDENT_LEDGER_SIGNING_KEYSTORE_PASSWORD";

    public LedgerProperties {
        signingKeystore = signingKeystore == null || signingKeystore.toString().isBlank() ? null : signingKeystore;
        signingKeystoreAlias = signingKeystoreAlias == null || signingKeystoreAlias.isBlank()
                ? DEFAULT_KEYSTORE_ALIAS : signingKeystoreAlias;
        signingKeystorePasswordEnv = signingKeystorePasswordEnv == null || signingKeystorePasswordEnv.isBlank()
                ? DEFAULT_KEYSTORE_PASSWORD_ENV : signingKeystorePasswordEnv;
    }

    /** The file or keystore of the first key: rotated keys are written next to it, named after it. */
    public Path firstKeyPath() {
        return signingKeystore != null ? signingKeystore : signingKeyFile;
    }
}
