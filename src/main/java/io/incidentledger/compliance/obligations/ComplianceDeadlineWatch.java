package io.incidentledger.compliance.obligations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.ObligationView;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Warns before regulatory deadlines through the alerting: every {@code watch-interval} it looks for reports due
 * soon or missed and records on the incident {@code DeadlineApproaching} or {@code DeadlineMissed} (tier 1) of kind
 * {@code REGULATORY_REPORT}, which the alerting turns into notifications. The incident records each once per due
 * instant, so several nodes, restarts and repeated passes announce nothing twice. It stops before the web server and
 * Axon do ({@link BackgroundLoop#WRITERS_PHASE}), letting a running pass finish.
 */
@Component
public class ComplianceDeadlineWatch extends BackgroundLoop {

    /** How long a stop waits for the running pass, which it does not interrupt. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    static final String ACTOR = "compliance-clock";
    /** How far back missed deadlines are still announced: older ones were announced, or predate this watch. */
    static final Duration MISSED_LOOKBACK = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(ComplianceDeadlineWatch.class);

    private final ComplianceViews views;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration interval;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    public ComplianceDeadlineWatch(ComplianceViews views, CommandGateway commands, Clock clock,
                                   @Value("${incident-ledger.compliance.watch-interval:1m}") Duration interval) {
        super("compliance-deadline-watch", WRITERS_PHASE, interval, interval, PASS_WAIT);
        this.views = views;
        this.commands = commands;
        this.clock = clock;
        this.interval = interval;
    }

    /** One pass: announces what is due soon and what was missed lately; returns how many announcements it sent. */
    public int pass() {
        Instant now = clock.instant();
        int recorded = 0;
        for (ObligationView due : views.obligationEntries(
                new ObligationFilter(null, ObligationStatus.DUE_SOON, null, null), now)) {
            recorded += announce(due, new RecordDeadlineApproaching(new IncidentId(due.incidentId()),
                    DeadlineKind.REGULATORY_REPORT, due.stage().name(), due.lastOnTimeAt()), "soon");
        }
        // the database narrows the missed ones to those due lately (a grace period only ever extends a due instant)
        for (ObligationView missed : views.obligationEntries(
                new ObligationFilter(null, ObligationStatus.MISSED, now.minus(MISSED_LOOKBACK), null), now)) {
            if (missed.lastOnTimeAt().isAfter(now.minus(MISSED_LOOKBACK))) {
                recorded += announce(missed, new RecordDeadlineMissed(new IncidentId(missed.incidentId()),
                        DeadlineKind.REGULATORY_REPORT, missed.stage().name(), missed.lastOnTimeAt(), 1), "missed");
            }
        }
        return recorded;
    }

    private int announce(ObligationView obligation, Object command, String what) {
        String key = obligation.incidentId() + "|" + obligation.stage() + "|" + obligation.lastOnTimeAt() + "|" + what;
        if (announced.contains(key)) {
            return 0;
        }
        try {
            commands.sendAndWait(ActorMetadata.serviceCommand(command, ACTOR, Roles.SYSTEM));
            announced.add(key);
            return 1;
        } catch (CommandRefusedException refused) {
            log.info("Deadline of {} for incident {} not recorded: {}", obligation.stage(), obligation.incidentId(),
                    refused.getMessage());
            announced.add(key);
            return 0;
        }
    }

    @Override
    protected boolean runPass() {
        try {
            pass();
        } catch (RuntimeException failure) {
            log.warn("Compliance deadline pass failed; trying again in {}", interval, failure);
        }
        return false;
    }
}
