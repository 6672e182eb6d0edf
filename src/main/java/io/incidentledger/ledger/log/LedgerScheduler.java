package io.incidentledger.ledger.log;

import java.time.Duration;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the admitter on one background thread: right after a pass that admitted a full batch, otherwise every
 * {@code admit-interval}. A failed pass is logged and retried; nothing it did is kept.
 *
 * <p>It is the last part of the application to stop ({@link BackgroundLoop#LEDGER_PHASE}, after the web server has
 * drained and Axon and every loop that writes events have stopped), and on stopping it admits every committed event
 * and signs a checkpoint once more, so that what the service acknowledged before it stopped is in the log and signed.
 */
@Component
public class LedgerScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(LedgerScheduler.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(30);

    private final LogAdmitter admitter;
    private final int batchSize;

    public LedgerScheduler(LogAdmitter admitter, LedgerProperties properties) {
        super("ledger-admitter", LEDGER_PHASE, properties.admitInterval(), Duration.ZERO, PASS_WAIT);
        this.admitter = admitter;
        this.batchSize = properties.admitBatchSize();
    }

    @Override
    protected boolean runPass() {
        try {
            return admitter.admit() >= batchSize;
        } catch (RuntimeException failure) {
            log.warn("Ledger admission pass failed; retrying", failure);
            return false;
        }
    }

    /** Admits and signs once more, after the running pass finished (or the wait for it is over). */
    @Override
    protected void afterStop(boolean passEnded) {
        if (!passEnded) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            log.warn("A ledger admission pass did not end within {} s of the stop", PASS_WAIT.toSeconds());
        }
        try {
            int admitted = admitter.catchUpAndCheckpoint();
            log.info("Ledger stopping: admitted the last {} events and signed a checkpoint of the whole log",
                    admitted);
        } catch (RuntimeException failure) {
            log.warn("Ledger stopping: the last admission failed; the next start admits what is left", failure);
        }
    }
}
