package io.incidentledger.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed password checks ({@code Authorization: Basic}) are allowed before further attempts are refused with
 * 429 without checking the password (docs/operations.md, "Sign-in throttling").
 *
 * @param perUser    failures counted per user name, from any address
 * @param perAddress failures counted per client address (an IPv6 address by its /64 network), for any name
 * @param maxTracked how many user names, and how many addresses, are counted at most; beyond it the least used counts
 *                   are dropped, so that a flood of names or addresses cannot exhaust the heap
 */
@Validated
@ConfigurationProperties("incident-ledger.security.login-throttle")
public record LoginThrottleProperties(@NotNull @Valid Limit perUser, @NotNull @Valid Limit perAddress,
                                      @Positive int maxTracked) {

    /**
     * @param maxFailures failures within {@code window} after which attempts are refused until the window ends
     * @param window      how long a count lasts, from its first failure
     */
    public record Limit(@Positive int maxFailures, @NotNull Duration window) {
    }
}
