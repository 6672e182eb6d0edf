package io.incidentledger.containment.saga;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.containment.playbook.ContainmentProperties;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.Severity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Chases the acknowledgement of a new incident. The limit depends on the severity and runs from when the incident
 * was reported; raising the severity can only bring the deadline forward. Shortly before the limit the approaching
 * deadline is recorded; at the limit the missed deadline is recorded with the next escalation tier (which the
 * alerting turns into notifications to that tier), the severity is raised by one level where the configuration
 * says so, and this repeats until someone acknowledges, dismisses or closes the incident.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AcknowledgementSaga {

    static final String INCIDENT_ID = "incidentId";
    static final String DUE_SOON = "acknowledgement-due-soon";
    static final String OVERDUE = "acknowledgement-overdue";
    static final String ACTOR = "acknowledgement-watch";
    static final String SUBJECT = "acknowledgement";

    private IncidentId incidentId;
    private Severity severity;
    private Instant reportedAt;
    private Instant dueAt;
    private int tier;
    private String dueSoonDeadlineId;
    private String overdueDeadlineId;

    /** The payload of both deadlines. */
    public record AcknowledgementDeadline(Instant dueAt, int tier) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentReported event, @Timestamp Instant recordedAt, ContainmentProperties properties,
            DeadlineManager deadlines) {
        incidentId = event.incidentId();
        severity = event.severity();
        reportedAt = recordedAt;
        schedule(reportedAt.plus(properties.acknowledgement().limitFor(severity)), properties, deadlines);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentEscalated event, ContainmentProperties properties, DeadlineManager deadlines) {
        severity = event.to();
        Instant sooner = reportedAt.plus(properties.acknowledgement().limitFor(severity));
        if (tier == 0 && sooner.isBefore(dueAt)) {
            cancel(deadlines);
            schedule(sooner, properties, deadlines);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentAcknowledged event, DeadlineManager deadlines) {
        cancel(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentDismissed event, DeadlineManager deadlines) {
        cancel(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentClosed event, DeadlineManager deadlines) {
        cancel(deadlines);
    }

    @DeadlineHandler(deadlineName = DUE_SOON)
    void dueSoon(AcknowledgementDeadline deadline, CommandGateway commands) {
        send(commands, new RecordDeadlineApproaching(incidentId, DeadlineKind.ACKNOWLEDGEMENT, SUBJECT,
                deadline.dueAt()));
    }

    @DeadlineHandler(deadlineName = OVERDUE)
    void overdue(AcknowledgementDeadline deadline, ContainmentProperties properties, DeadlineManager deadlines,
                 CommandGateway commands) {
        tier = deadline.tier();
        if (!send(commands, new RecordDeadlineMissed(incidentId, DeadlineKind.ACKNOWLEDGEMENT, SUBJECT, dueAt,
                tier))) {
            // the incident moved on (e.g. closed) without this saga hearing of it yet
            SagaLifecycle.end();
            return;
        }
        if (properties.acknowledgement().raiseSeverity() && severity != Severity.CRITICAL) {
            send(commands, new EscalateIncident(incidentId, Severity.values()[severity.ordinal() + 1],
                    "nobody acknowledged the incident by " + dueAt));
        }
        Instant next = deadline.dueAt().plus(properties.acknowledgement().repeat());
        overdueDeadlineId = deadlines.schedule(next, OVERDUE, new AcknowledgementDeadline(next, tier + 1));
    }

    private void schedule(Instant due, ContainmentProperties properties, DeadlineManager deadlines) {
        dueAt = due;
        Instant warnAt = due.minus(properties.acknowledgement().warnBefore());
        if (warnAt.isAfter(reportedAt)) {
            dueSoonDeadlineId = deadlines.schedule(warnAt, DUE_SOON, new AcknowledgementDeadline(due, 0));
        }
        overdueDeadlineId = deadlines.schedule(due, OVERDUE, new AcknowledgementDeadline(due, 1));
    }

    /** Cancels by the ids kept when scheduling: one delete each, where cancelling by name reads every deadline. */
    private void cancel(DeadlineManager deadlines) {
        if (dueSoonDeadlineId != null) {
            deadlines.cancelSchedule(DUE_SOON, dueSoonDeadlineId);
            dueSoonDeadlineId = null;
        }
        if (overdueDeadlineId != null) {
            deadlines.cancelSchedule(OVERDUE, overdueDeadlineId);
            overdueDeadlineId = null;
        }
    }

    private boolean send(CommandGateway commands, Object command) {
        return SagaCommands.send(commands, command, ACTOR, incidentId);
    }
}
