package io.incidentledger.containment.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.containment.playbook.ContainmentProperties;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcknowledgementSagaTest {

    private static final IncidentId ID = new IncidentId("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    private static final String AGGREGATE = ID.toString();
    private static final Instant START = Instant.parse("2025-03-10T08:30:00Z");
    private static final Duration CRITICAL_LIMIT = Duration.ofMinutes(5);
    private static final Duration HIGH_LIMIT = Duration.ofMinutes(15);
    private static final Duration MEDIUM_LIMIT = Duration.ofHours(1);
    private static final Duration WARN_BEFORE = Duration.ofMinutes(2);
    private static final Duration REPEAT = Duration.ofMinutes(10);

    private SagaTestFixture<AcknowledgementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AcknowledgementSaga.class);
        fixture.registerResource(new ContainmentProperties(List.of(),
                new ContainmentProperties.Approval(Duration.ofMinutes(15), Duration.ZERO, Duration.ofMinutes(15),
                        false),
                new ContainmentProperties.Acknowledgement(Map.of(Severity.CRITICAL, CRITICAL_LIMIT,
                        Severity.HIGH, HIGH_LIMIT, Severity.MEDIUM, MEDIUM_LIMIT), WARN_BEFORE, REPEAT, true)));
        fixture.registerCommandGateway(CommandGateway.class);
    }

    @Test
    void aNewIncidentGetsItsSeveritysAcknowledgementDeadline() {
        fixture.givenCurrentTime(START)
                .whenAggregate(AGGREGATE).publishes(reported(Severity.HIGH))
                .expectScheduledDeadlineWithName(HIGH_LIMIT.minus(WARN_BEFORE), AcknowledgementSaga.DUE_SOON)
                .expectScheduledDeadlineWithName(HIGH_LIMIT, AcknowledgementSaga.OVERDUE)
                .expectNoDispatchedCommands();
    }

    @Test
    void aSeverityWithoutItsOwnLimitGetsTheNextHigherOne() {
        fixture.givenCurrentTime(START)
                .whenAggregate(AGGREGATE).publishes(reported(Severity.LOW))
                .expectScheduledDeadlineWithName(MEDIUM_LIMIT, AcknowledgementSaga.OVERDUE);
    }

    @Test
    void theApproachingDeadlineIsAnnouncedBeforeTheLimit() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Severity.HIGH))
                .whenTimeElapses(HIGH_LIMIT.minus(WARN_BEFORE))
                .expectDispatchedCommands(new RecordDeadlineApproaching(ID, DeadlineKind.ACKNOWLEDGEMENT,
                        AcknowledgementSaga.SUBJECT, START.plus(HIGH_LIMIT)));
    }

    @Test
    void anUnacknowledgedIncidentEscalatesToTierOneAndOneSeverityHigherAtItsLimit() throws Exception {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Severity.HIGH))
                .andThenTimeElapses(HIGH_LIMIT.minus(WARN_BEFORE))
                .whenTimeElapses(WARN_BEFORE)
                .expectDispatchedCommands(
                        new RecordDeadlineMissed(ID, DeadlineKind.ACKNOWLEDGEMENT, AcknowledgementSaga.SUBJECT,
                                START.plus(HIGH_LIMIT), 1),
                        new EscalateIncident(ID, Severity.CRITICAL,
                                "nobody acknowledged the incident by " + START.plus(HIGH_LIMIT)))
                .expectScheduledDeadlineWithName(REPEAT, AcknowledgementSaga.OVERDUE);
    }

    @Test
    void theEscalationRepeatsAtTheNextTierUntilSomeoneAcknowledges() throws Exception {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Severity.CRITICAL))
                .andThenTimeElapses(CRITICAL_LIMIT)
                .whenTimeElapses(REPEAT)
                .expectDispatchedCommands(new RecordDeadlineMissed(ID, DeadlineKind.ACKNOWLEDGEMENT,
                        AcknowledgementSaga.SUBJECT, START.plus(CRITICAL_LIMIT), 2));
    }

    @Test
    void acknowledgingCancelsTheDeadlinesAndEndsTheWatch() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(new IncidentAcknowledged(ID))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void dismissingCancelsTheDeadlinesAndEndsTheWatch() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(new IncidentDismissed(ID, "false positive"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void escalatingBeforeTheLimitBringsTheDeadlineForward() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Severity.MEDIUM))
                .whenAggregate(AGGREGATE).publishes(new IncidentEscalated(ID, Severity.MEDIUM, Severity.CRITICAL,
                        "funds moving"))
                .expectScheduledDeadlineWithName(CRITICAL_LIMIT, AcknowledgementSaga.OVERDUE)
                .expectNoScheduledDeadlineMatching(org.hamcrest.Matchers.hasToString(
                        org.hamcrest.Matchers.containsString(START.plus(MEDIUM_LIMIT).toString())));
    }

    private static IncidentReported reported(Severity severity) {
        return new IncidentReported(ID, "Validator double-signing", "seen by the monitor", severity,
                Category.NODE_COMPROMISE, IncidentSource.DETECTION, null, START);
    }
}
