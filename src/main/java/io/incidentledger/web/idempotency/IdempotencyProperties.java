package io.incidentledger.web.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Requests made safe to retry with an {@code Idempotency-Key}.
 *
 * @param retention how long the answer to a key is kept: a repeat within it gets the first answer, a key sent again
 *                  after it is a new request
 */
@Validated
@ConfigurationProperties("incident-ledger.api.idempotency")
public record IdempotencyProperties(@NotNull @DefaultValue("7d") Duration retention) {
}
