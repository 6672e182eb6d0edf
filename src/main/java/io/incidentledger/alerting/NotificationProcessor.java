package io.incidentledger.alerting;

import static io.incidentledger.alerting.NotificationText.clip;
import static io.incidentledger.alerting.NotificationText.target;

import java.time.Instant;
import java.util.Optional;

import io.incidentledger.alerting.AlertingIncidents.Facts;
import io.incidentledger.alerting.AlertingIncidents.Step;
import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentTriaged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

/**
 * Turns incident events into notifications: it keeps the facts a notification quotes (title, severity, category,
 * what each containment step does) and writes one outbox row per recipient and channel, in the same transaction as
 * the processor's token. Sending is the dispatcher's job.
 *
 * <p>Events seen during a replay only rebuild the facts: nobody is told twice. The first start on a store that
 * already holds events is such a replay (Axon's default initial token replays up to the head it finds), so an
 * upgrade does not announce the past. Notifications about deliveries themselves
 * ({@code NotificationDeliveryFailed}, {@code NotificationDelivered}) are not handled, so they cause none.
 */
@ProcessingGroup(NotificationProcessor.PROCESSING_GROUP)
public class NotificationProcessor {

    public static final String PROCESSING_GROUP = "notifications";

    private static final int TITLE_LIMIT = 200;
    private static final int SUMMARY_LIMIT = 4000;
    private static final int DETAIL_LIMIT = 1000;
    private static final int KEY_LIMIT = 255;

    private final AlertingIncidents incidents;
    private final NotificationRouting routing;
    private final NotificationOutbox outbox;

    public NotificationProcessor(AlertingIncidents incidents, NotificationRouting routing, NotificationOutbox outbox) {
        this.incidents = incidents;
        this.routing = routing;
        this.outbox = outbox;
    }

    @EventHandler
    void on(IncidentReported event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        incidents.reported(event.incidentId(), clip(event.title(), TITLE_LIMIT), event.severity(), event.category());
        if (routing.announcesReport(event.severity())) {
            String summary = "Reported at " + event.severity() + " as " + event.category()
                    + reason(event.description());
            alert(replay, eventIdentifier, event.incidentId(), NotificationKind.INCIDENT_REPORTED, 0, summary,
                    recordedAt);
        }
    }

    @EventHandler
    void on(IncidentTriaged event) {
        incidents.classified(event.incidentId(), event.severity(), event.category());
    }

    @EventHandler
    void on(IncidentEscalated event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        incidents.severityChanged(event.incidentId(), event.to());
        alert(replay, eventIdentifier, event.incidentId(), NotificationKind.INCIDENT_ESCALATED, 0,
                "Severity raised from " + event.from() + " to " + event.to() + reason(event.reason()), recordedAt);
    }

    @EventHandler
    void on(IncidentDeescalated event) {
        incidents.severityChanged(event.incidentId(), event.to());
    }

    @EventHandler
    void on(ContainmentStepRequested event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        Step step = new Step(clip(event.stepId(), KEY_LIMIT), event.action(), event.target(),
                clip(event.playbook(), KEY_LIMIT));
        incidents.stepRequested(event.incidentId(), step);
        if (event.approvalRequired()) {
            alert(replay, eventIdentifier, event.incidentId(), NotificationKind.APPROVAL_WAITING, 0,
                    describe(step) + " waits for a commander's approval" + reason(event.reason()), recordedAt);
        } else if (event.action() == ContainmentStepAction.NOTIFY) {
            alert(replay, eventIdentifier, event.incidentId(), NotificationKind.PLAYBOOK_NOTICE, 0,
                    notice(step, event.reason()), recordedAt);
        }
    }

    /** A NOTIFY step that had to wait for approval alerts its people once approved. */
    @EventHandler
    void on(ContainmentStepApproved event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        Optional<Step> step = incidents.step(event.incidentId(), event.stepId());
        if (step.isPresent() && step.get().action() == ContainmentStepAction.NOTIFY) {
            alert(replay, eventIdentifier, event.incidentId(), NotificationKind.PLAYBOOK_NOTICE, 0,
                    notice(step.get(), event.comment()), recordedAt);
        }
    }

    @EventHandler
    void on(ContainmentStepExecuted event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        Optional<Step> step = incidents.step(event.incidentId(), event.stepId());
        if (isNotice(step)) {
            return;
        }
        alert(replay, eventIdentifier, event.incidentId(), NotificationKind.CONTAINMENT_EXECUTED, 0,
                describe(step, event.stepId()) + " was carried out through " + event.adapter() + " on attempt "
                        + event.attempt() + (event.externalReference() == null ? ""
                        : " (receiver's reference " + event.externalReference() + ")") + ".", recordedAt);
    }

    @EventHandler
    void on(ContainmentStepFailed event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        Optional<Step> step = incidents.step(event.incidentId(), event.stepId());
        if (isNotice(step)) {
            return;
        }
        // a containment that failed for good escalates: the first tier hears of it too
        alert(replay, eventIdentifier, event.incidentId(), NotificationKind.CONTAINMENT_FAILED, 1,
                describe(step, event.stepId()) + " failed after " + event.attempts() + " attempt"
                        + (event.attempts() == 1 ? "" : "s") + reason(event.reason())
                        + " A commander can ask for it to be tried again.", recordedAt);
    }

    @EventHandler
    void on(DeadlineApproaching event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        alert(replay, eventIdentifier, event.incidentId(), NotificationKind.DEADLINE_APPROACHING, 0,
                "The " + event.kind() + " deadline for " + event.subject() + " falls due at " + event.dueAt()
                        + " and nobody has acted yet.", recordedAt);
    }

    @EventHandler
    void on(DeadlineMissed event, @MessageIdentifier String eventIdentifier, @Timestamp Instant recordedAt,
            ReplayStatus replay) {
        alert(replay, eventIdentifier, event.incidentId(), NotificationKind.DEADLINE_MISSED, event.tier(),
                "The " + event.kind() + " deadline for " + event.subject() + " passed at " + event.dueAt()
                        + " with nobody acting; the incident is escalated to notification tier " + event.tier()
                        + ".", recordedAt);
    }

    @ResetHandler
    void reset() {
        incidents.clear();
    }

    private void alert(ReplayStatus replay, String eventIdentifier, IncidentId incidentId, NotificationKind kind,
                       int tier, String summary, Instant recordedAt) {
        if (replay.isReplay()) {
            return;
        }
        Optional<Facts> facts = incidents.facts(incidentId);
        Alert alert = new Alert(eventIdentifier, incidentId, facts.map(Facts::title).orElse("(unknown incident)"),
                facts.map(Facts::severity).orElse(null), facts.map(Facts::category).orElse(null), kind, tier,
                clip(summary, SUMMARY_LIMIT), recordedAt);
        routing.notifications(alert).forEach(outbox::add);
    }

    private static boolean isNotice(Optional<Step> step) {
        return step.isPresent() && step.get().action() == ContainmentStepAction.NOTIFY;
    }

    private static String describe(Step step) {
        String playbook = step.playbook() == null ? "" : " (playbook " + step.playbook() + ")";
        return "Step " + step.stepId() + ": " + step.action() + " on " + target(step.target()) + playbook;
    }

    private static String describe(Optional<Step> step, String stepId) {
        return step.map(NotificationProcessor::describe).orElse("Step " + stepId);
    }

    private static String notice(Step step, String text) {
        return "Playbook " + (step.playbook() == null ? "(none)" : step.playbook()) + " asks to alert you"
                + reason(text);
    }

    /** {@code ": <reason>."}, or just the full stop when no reason was given. */
    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return ".";
        }
        String text = clip(reason.strip(), DETAIL_LIMIT);
        return ": " + text + (text.matches("(?s).*[.!?…]$") ? "" : ".");
    }
}
