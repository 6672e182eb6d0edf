package io.incidentledger.identity.authentication;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the API tokens (docs/api-tokens.md).
 *
 * @param hashKeyFile     where the key that hashes token secrets is kept, outside the database; created on first start
 * @param refreshInterval how often each node looks for tokens created or revoked on any node
 * @param maxStaleness    how long a node goes on checking tokens when it cannot read them; after that it refuses
 *                        every token until it can again
 */
@Validated
@ConfigurationProperties("incident-ledger.api-tokens")
public record ApiTokenProperties(@NotNull Path hashKeyFile,
                                 @NotNull Duration refreshInterval,
                                 @NotNull Duration maxStaleness) {
}
