package io.incidentledger.ledger.verify;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the background verifier divides its work (docs/ledger-verification.md). Every
 * {@code incident-ledger.ledger.verify-interval} it checks only what the store gained since the verified prefix; the
 * whole store it re-verifies at start-up and then every {@code full-verify-interval}, which is what finds a change to
 * something verified before.
 *
 * @param fullVerifyInterval the longest time between two whole-store passes
 * @param maxEventsPerPass   the most events one incremental pass reads (it holds them in memory); a pass that stops
 *                           there is followed by the next at once
 */
@Validated
@ConfigurationProperties("incident-ledger.ledger.verification")
public record VerificationProperties(@NotNull @DefaultValue("1h") Duration fullVerifyInterval,
                                     @Positive @DefaultValue("50000") int maxEventsPerPass) {
}
