package io.incidentledger.ledger.witness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the alarm when a checkpoint signed more than {@code quorum-timeout} ago has no witnessed successor: no
 * checkpoint of its size or larger carries {@code quorum} cosignatures of configured witnesses. One incident per
 * lapse: it is named after the newest checkpoint that was witnessed when the lapse began.
 */
class QuorumWatch {

    private static final Logger log = LoggerFactory.getLogger(QuorumWatch.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Cosignatures cosignatures;
    private final List<ConfiguredWitness> witnesses;
    private final int quorum;
    private final Duration timeout;
    private final WitnessAlarms alarms;
    private final Clock clock;
    private Instant nextCheck = Instant.MIN;
    private Long raisedFor;

    QuorumWatch(Cosignatures cosignatures, List<ConfiguredWitness> witnesses, int quorum, Duration timeout,
                WitnessAlarms alarms, Clock clock) {
        this.cosignatures = cosignatures;
        this.witnesses = witnesses;
        this.quorum = quorum;
        this.timeout = timeout;
        this.alarms = alarms;
        this.clock = clock;
    }

    /** Checks, at most once a second, whether the quorum lapsed; raises the alarm once per lapse. */
    void checkIfDue() {
        Instant now = clock.instant();
        if (quorum == 0 || now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(CHECK_EVERY);
        Optional<Long> due = cosignatures.newestSignedBy(now.minus(timeout));
        if (due.isEmpty() || cosignatures.newestWitnessed(due.get(), quorum, witnesses).isPresent()) {
            return;
        }
        long lastWitnessed = cosignatures.newestWitnessed(0, quorum, witnesses).orElse(0L);
        if (Long.valueOf(lastWitnessed).equals(raisedFor)) {
            return;
        }
        String states = witnesses.stream().map(witness -> witness.name() + ": " + cosignatures.state(witness)
                .map(state -> state.lastError() == null ? "cosigned up to " + state.cosignedSize()
                        : "cosigned up to " + state.cosignedSize() + ", last error: " + state.lastError())
                .orElse("never answered")).collect(Collectors.joining("; "));
        log.error("Checkpoint {} has no witness quorum ({} of {}) after {}; {}", due.get(), quorum,
                witnesses.size(), timeout, states);
        alarms.quorumLapse(due.get(), lastWitnessed, quorum, witnesses.size(), "Witnesses: " + states + ".");
        raisedFor = lastWitnessed;
    }
}
