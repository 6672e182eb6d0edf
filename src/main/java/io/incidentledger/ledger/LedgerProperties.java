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
 * @param origin             the first line of every checkpoint: the log's unique name (C2SP tlog-checkpoint)
 * @param keyName            the name of the Ed25519 key in signed notes
 * @param signingKeyFile     where the signing key is kept, outside the database, in the note signer-key encoding
 * @param createKeyIfMissing whether to create the key file on first start
 * @param witnessFile        where the background verifier keeps the newest checkpoint it has verified, outside the
 *                           database, so that a log rolled back behind it is caught even after a restart; the file
 *                           names the log it belongs to
 * @param acceptLogId        the identity of the database's log, to accept that log in place of the one the witness
 *                           file belongs to (after the database was replaced); unset, the service refuses to start
 *                           on such a mismatch
 * @param admitInterval      how often the admitter looks for newly committed events
 * @param checkpointInterval the shortest time between two checkpoints while new leaves arrive
 * @param admitBatchSize     the most events admitted in one transaction
 * @param verifyInterval     how often the background verifier re-checks the whole store
 */
@Validated
@ConfigurationProperties("incident-ledger.ledger")
public record LedgerProperties(@NotBlank @Pattern(regexp = "[^\\s]+") String origin,
                               @NotBlank @Pattern(regexp = "[^\\s+]+") String keyName,
                               @NotNull Path signingKeyFile,
                               boolean createKeyIfMissing,
                               @NotNull Path witnessFile,
                               @NotNull Duration admitInterval,
                               @NotNull Duration checkpointInterval,
                               @Positive int admitBatchSize,
                               @NotNull Duration verifyInterval,
                               String acceptLogId) {
}
