package io.incidentledger.detection.chain;

import java.time.Clock;
import java.time.Duration;

import io.incidentledger.common.Backoff;
import io.incidentledger.common.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the follower of one chain on a background thread of its own every {@code poll-interval}, at once again while
 * confirmed blocks are left. After a failed pass (the node unreachable or refusing, the database away) it waits twice
 * as long each time, up to {@code max-backoff}, and goes back to the poll interval after a pass that worked. It sends
 * commands, so it stops with the other writers; on a stop it gives its lease up for another node.
 */
class ChainFollowerLoop extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ChainFollowerLoop.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(30);

    private final ChainFollower follower;
    private final Backoff backoff;

    ChainFollowerLoop(ChainFollower follower, Duration pollInterval, Duration maxBackoff, Clock clock) {
        super("chain-follower-" + follower.chain(), WRITERS_PHASE, pollInterval, Duration.ZERO, PASS_WAIT);
        this.follower = follower;
        this.backoff = new Backoff(pollInterval, maxBackoff, clock);
    }

    ChainFollower follower() {
        return follower;
    }

    @Override
    protected boolean runPass() {
        if (backoff.pausing()) {
            return false;
        }
        try {
            boolean more = follower.pass();
            backoff.succeeded();
            return more;
        } catch (RuntimeException failure) {
            Duration pause = backoff.failed();
            log.warn("Chain follower of {}: pass failed; next try in {} ms: {}", follower.chain(), pause.toMillis(),
                    failure.getMessage());
            return false;
        }
    }

    @Override
    protected void afterStop(boolean passEnded) {
        if (passEnded) {
            try {
                follower.release();
            } catch (RuntimeException failure) {
                log.info("Chain follower of {}: could not give its lease up ({}); it runs out by itself",
                        follower.chain(), failure.getMessage());
            }
        }
    }
}
