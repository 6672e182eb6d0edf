package io.incidentledger.ledger.verify;

import java.time.Duration;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-verifies the whole ledger at start-up and then every {@code verify-interval}; each finding opens a CRITICAL
 * incident (once per finding, see {@link TamperAlarm}).
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
    private volatile boolean stopping;
    private volatile LedgerVerification.Report lastReport;

    public BackgroundVerifier(LedgerVerification verification, TamperAlarm alarm, LedgerProperties properties) {
        super("ledger-verifier", WRITERS_PHASE, properties.verifyInterval(), Duration.ZERO, PASS_WAIT);
        this.verification = verification;
        this.alarm = alarm;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        super.start();
    }

    @Override
    protected boolean runPass() {
        verifyNow();
        return false;
    }

    /** One whole-store pass; findings are raised as incidents. */
    public LedgerVerification.Report verifyNow() {
        try {
            LedgerVerification.Report report = verification.verifyStore();
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
