package io.incidentledger.ledger.witness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.ledger.log.LedgerLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Offers every new checkpoint to every configured witness, in parallel and apart from admission and signing: a
 * slow or absent witness holds up only its own requests. Each pass hands the newest checkpoint to each witness's
 * {@link WitnessSession} that is not still busy with an earlier one, then lets the {@link QuorumWatch} look.
 *
 * <p>It runs among the loops that write events ({@link BackgroundLoop#WRITERS_PHASE}): its alarms are commands. Every
 * node runs it; two nodes offering the same checkpoint cost a 409, never a wrong state (C2SP tlog-witness).
 */
public class WitnessCosigner extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(WitnessCosigner.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(5);

    private final LedgerLog ledgerLog;
    private final List<WitnessSession> sessions;
    private final List<AtomicBoolean> busy;
    private final QuorumWatch quorumWatch;
    private ExecutorService requests;

    WitnessCosigner(LedgerLog ledgerLog, List<WitnessSession> sessions, QuorumWatch quorumWatch,
                    Duration pollInterval) {
        super("ledger-cosigner", WRITERS_PHASE, pollInterval, Duration.ZERO, PASS_WAIT);
        this.ledgerLog = ledgerLog;
        this.sessions = List.copyOf(sessions);
        this.busy = sessions.stream().map(session -> new AtomicBoolean()).toList();
        this.quorumWatch = quorumWatch;
    }

    /** Starts only when witnesses are configured. */
    @Override
    public synchronized void start() {
        if (sessions.isEmpty()) {
            return;
        }
        if (requests == null) {
            requests = Executors.newFixedThreadPool(Math.max(1, sessions.size()),
                    new CustomizableThreadFactory("ledger-witness-"));
        }
        super.start();
    }

    @Override
    protected boolean runPass() {
        try {
            Optional<LedgerLog.StoredCheckpoint> newest = ledgerLog.latestCheckpoint();
            if (newest.isPresent()) {
                for (int i = 0; i < sessions.size(); i++) {
                    offer(sessions.get(i), busy.get(i), newest.get());
                }
            }
            quorumWatch.checkIfDue();
        } catch (RuntimeException failure) {
            log.warn("Witness cosigning pass failed; retrying", failure);
        }
        return false;
    }

    private void offer(WitnessSession session, AtomicBoolean sessionBusy, LedgerLog.StoredCheckpoint checkpoint) {
        if (!sessionBusy.compareAndSet(false, true)) {
            return;
        }
        try {
            requests.execute(() -> {
                try {
                    session.offer(checkpoint);
                } catch (RuntimeException failure) {
                    log.warn("Offering checkpoint {} to witness {} failed", checkpoint.treeSize(),
                            session.witness(), failure);
                } finally {
                    sessionBusy.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            sessionBusy.set(false);
            throw rejected;
        }
    }

    @Override
    protected synchronized void afterStop(boolean passEnded) {
        if (requests != null) {
            requests.shutdown();
            try {
                if (!requests.awaitTermination(PASS_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    requests.shutdownNow();
                }
            } catch (InterruptedException e) {
                requests.shutdownNow();
                Thread.currentThread().interrupt();
            }
            requests = null;
        }
    }
}
