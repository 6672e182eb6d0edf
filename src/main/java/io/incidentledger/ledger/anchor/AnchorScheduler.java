package io.incidentledger.ledger.anchor;

import java.time.Clock;
import java.time.Duration;

import io.incidentledger.common.Backoff;
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
    private final Backoff backoff;

    public AnchorScheduler(Anchorer anchorer, AnchorProperties properties, Clock clock) {
        super("ledger-anchorer", WRITERS_PHASE, properties.pollInterval(), Duration.ZERO, PASS_WAIT);
        this.anchorer = anchorer;
        this.backoff = new Backoff(properties.pollInterval(), properties.maxBackoff(), clock);
    }

    @Override
    protected boolean runPass() {
        if (backoff.pausing()) {
            return false;
        }
        try {
            anchorer.pass();
            backoff.succeeded();
        } catch (RuntimeException failure) {
            log.warn("Anchoring pass failed; next try in {} s: {}", backoff.failed().toSeconds(),
                    failure.getMessage());
        }
        return false;
    }
}
