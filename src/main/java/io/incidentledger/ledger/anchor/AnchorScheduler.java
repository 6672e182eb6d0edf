package io.incidentledger.ledger.anchor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.incidentledger.common.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Anchorer} on a background thread of its own every {@code poll-interval}, apart from the admitter
 * and the signer, so that a slow or unreachable chain node never delays admission or signing. After a failed pass it
 * waits twice as long each time, up to {@code max-backoff}, and goes back to the poll interval after a pass that
 * worked. It writes no events, so it stops with the other writers, before the web server drains.
 */
public class AnchorScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(AnchorScheduler.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(30);

    private final Anchorer anchorer;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private Duration backoff = Duration.ZERO;
    private Instant nextTry = Instant.MIN;

    public AnchorScheduler(Anchorer anchorer, AnchorProperties properties, Clock clock) {
        super("ledger-anchorer", WRITERS_PHASE, properties.pollInterval(), Duration.ZERO, PASS_WAIT);
        this.anchorer = anchorer;
        this.clock = clock;
        this.pollInterval = properties.pollInterval();
        this.maxBackoff = properties.maxBackoff();
    }

    @Override
    protected boolean runPass() {
        if (clock.instant().isBefore(nextTry)) {
            return false;
        }
        try {
            anchorer.pass();
            backoff = Duration.ZERO;
        } catch (RuntimeException failure) {
            backoff = backoff.isZero() ? pollInterval : backoff.multipliedBy(2);
            if (backoff.compareTo(maxBackoff) > 0) {
                backoff = maxBackoff;
            }
            nextTry = clock.instant().plus(backoff);
            log.warn("Anchoring pass failed; next try in {} s: {}", backoff.toSeconds(), failure.getMessage());
        }
        return false;
    }
}
