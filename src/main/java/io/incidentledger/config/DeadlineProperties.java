package io.incidentledger.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the persistent deadline manager (see {@code docs/deadlines.md}).
 *
 * @param pollingInterval      how often each node looks for due deadlines; a deadline fires at most this late
 * @param threads              how many deadlines one node runs at once (each holds a database connection meanwhile)
 * @param heartbeatInterval    how often a node marks the deadlines it is running as still alive
 * @param missedHeartbeats     after how many missed heartbeats another node takes a running deadline over, because
 *                             the node that picked it is taken for dead (db-scheduler requires at least 4)
 * @param failureRetryInterval when a deadline whose handler failed is tried again
 * @param shutdownMaxWait      how long a stopping node waits for the deadlines it is running
 */
@Validated
@ConfigurationProperties("incident-ledger.deadlines")
public record DeadlineProperties(@NotNull Duration pollingInterval,
                                 @Positive int threads,
                                 @NotNull Duration heartbeatInterval,
                                 @Min(4) int missedHeartbeats,
                                 @NotNull Duration failureRetryInterval,
                                 @NotNull Duration shutdownMaxWait) {
}
