package io.incidentledger.identity.authentication;

import java.time.Duration;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.identity.query.ApiTokenCatchUp;
import io.incidentledger.identity.query.ApiTokenProjection.ApiTokensChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps this node's copy of the API tokens in step with the view, so that a token revoked on any node is refused
 * here within {@code refresh-interval} plus a database round trip: each pass reads the view's change counter (one
 * row) and re-reads the tokens only when it moved. The first pass also {@link ApiTokenCatchUp catches up} tokens
 * whose rows are behind their events. Starts before the web server and stops after it has drained its requests
 * ({@link BackgroundLoop#READERS_PHASE}), so that tokens work as soon as requests arrive and as long as any is
 * served. A change made on this node is read at once, when its transaction commits: a token works here as soon as
 * its creation is answered, and on the other nodes within the interval.
 */
class ApiTokenRefresher extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenRefresher.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(5);

    private final ApiTokenChecker checker;
    private final ApiTokenCatchUp catchUp;
    private boolean caughtUp;
    private boolean failing;

    ApiTokenRefresher(ApiTokenChecker checker, ApiTokenCatchUp catchUp, Duration interval) {
        super("api-token-refresh", READERS_PHASE, interval, Duration.ZERO, PASS_WAIT);
        this.checker = checker;
        this.catchUp = catchUp;
    }

    /** After a token changed on this node; failures are left to the next pass. */
    @TransactionalEventListener(fallbackExecution = true)
    void changedHere(ApiTokensChanged changed) {
        try {
            checker.refresh();
        } catch (RuntimeException failure) {
            log.debug("Re-reading the API tokens after a change failed; the next pass does: {}", failure.toString());
        }
    }

    @Override
    protected boolean runPass() {
        try {
            checker.refresh();
            if (!caughtUp) {
                if (catchUp.run() > 0) {
                    checker.refresh();
                }
                caughtUp = true;
            }
            if (failing) {
                log.info("API tokens are read again");
                failing = false;
            }
        } catch (RuntimeException failure) {
            if (!failing) {
                log.warn("Reading the API tokens failed; trying again, and refusing every token should it go on: {}",
                        failure.toString());
                failing = true;
            }
        }
        return false;
    }
}
