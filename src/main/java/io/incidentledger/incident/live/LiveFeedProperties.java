package io.incidentledger.incident.live;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live feed of incident events (docs/api.md, "Live feed"; docs/operations.md, "Live feed").
 *
 * @param maxSubscribers    open streams one node serves at once; one more is answered 503
 * @param pollInterval      how often each node reads the event store for events written on any node
 * @param heartbeat         how often an idle stream gets a comment line, so that proxies keep it open
 * @param retry             the reconnection delay the stream tells the client ({@code retry:})
 * @param replayLimit       the incident events a reconnecting client is sent from {@code Last-Event-ID}; when it
 *                          missed more, it is told to reload instead
 * @param queueSize         the live messages waiting for one client, besides a replay; a client that falls this far
 *                          behind is dropped
 * @param senderThreads     the threads that write to the clients, shared by all of them
 * @param connectionTimeout how long one stream stays open; the client then reconnects with its last event's id
 */
@Validated
@ConfigurationProperties("incident-ledger.live")
public record LiveFeedProperties(@Min(1) int maxSubscribers,
                                 @NotNull Duration pollInterval,
                                 @NotNull Duration heartbeat,
                                 @NotNull Duration retry,
                                 @Min(1) @Max(10000) int replayLimit,
                                 @Min(1) int queueSize,
                                 @Min(1) int senderThreads,
                                 @NotNull Duration connectionTimeout) {
}
