package io.incidentledger.ledger.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Verifies the whole ledger at start-up and every {@code full-verify-interval}, and in between, every
 * {@code verify-interval}, what the store gained since the last pass (see {@link LedgerVerification#verifyIncrementally()});
 * each finding opens a CRITICAL incident (once per finding, see {@link TamperAlarm}).
 *
 * <p>It starts last and stops first ({@link BackgroundLoop#WRITERS_PHASE}, above the web server's and Axon's): its
 * alarms are commands, so it runs only while Axon runs. On stop it lets a running pass finish; a pass still running
 * when the wait is over raises nothing: what it found is found again by the next start's pass.
 */
@Component
public class BackgroundVerifier extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(BackgroundVerifier.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(20);

    private final LedgerVerification verification;
    private final TamperAlarm alarm;
    private final Clock clock;
    private final Duration fullVerifyInterval;
    private volatile boolean stopping;
    private volatile LedgerVerification.Report lastReport;
    private volatile Instant lastWholeStorePass;

    public BackgroundVerifier(LedgerVerification verification, TamperAlarm alarm, LedgerProperties properties,
                              VerificationProperties verificationProperties, Clock clock) {
        super("ledger-verifier", WRITERS_PHASE, properties.verifyInterval(), Duration.ZERO, PASS_WAIT);
        this.verification = verification;
        this.alarm = alarm;
        this.clock = clock;
        this.fullVerifyInterval = verificationProperties.fullVerifyInterval();
    }

    @Override
    public synchronized void start() {
        stopping = false;
        // the first pass after a start verifies the whole store
        lastWholeStorePass = null;
        super.start();
    }

    @Override
    protected boolean runPass() {
        Instant last = lastWholeStorePass;
        if (last == null || !clock.instant().isBefore(last.plus(fullVerifyInterval))) {
            verifyNow();
            return false;
        }
        LedgerVerification.Pass pass = verifyIncrementallyNow();
        return pass != null && pass.moreLeft();
    }

    /** One whole-store pass; findings are raised as incidents. */
    public LedgerVerification.Report verifyNow() {
        Instant started = clock.instant();
        LedgerVerification.Report report = raise(verification::verifyStore);
        if (report != null) {
            lastWholeStorePass = started;
        }
        return report;
    }

    /**
     * One incremental pass (a whole-store pass when the verified state calls for one); findings are raised as
     * incidents. Null when the pass failed.
     */
    public LedgerVerification.Pass verifyIncrementallyNow() {
        Instant started = clock.instant();
        LedgerVerification.Pass[] pass = new LedgerVerification.Pass[1];
        LedgerVerification.Report report = raise(() -> {
            pass[0] = verification.verifyIncrementally();
            return pass[0].report();
        });
        if (report == null) {
            return null;
        }
        if (pass[0].kind() == LedgerVerification.PassKind.WHOLE_STORE) {
            lastWholeStorePass = started;
        }
        return pass[0];
    }

    private LedgerVerification.Report raise(Supplier<LedgerVerification.Report> verify) {
        try {
            LedgerVerification.Report report = verify.get();
            lastReport = report;
            if (stopping) {
                report.findings().forEach(finding -> log.warn("Ledger finding {} at {} not raised: the service is "
                        + "stopping; the next start's pass reports it", finding.kind(), finding.place()));
            } else {
                report.findings().forEach(alarm::raise);
            }
            if (report.intact()) {
                log.debug("Ledger verified: {} events, {} leaves, checkpoint {}", report.eventsChecked(),
                        report.leavesChecked(), report.checkpointSize());
            }
            return report;
        } catch (RuntimeException failure) {
            log.error("Ledger verification pass failed", failure);
            return null;
        }
    }

    public LedgerVerification.Report lastReport() {
        return lastReport;
    }

    @Override
    protected void afterStop(boolean passEnded) {
        stopping = true;
        if (!passEnded && !Thread.currentThread().isInterrupted()) {
            log.warn("The ledger verification pass did not end within {} s of the stop; it raises nothing",
                    PASS_WAIT.toSeconds());
        }
    }
}
