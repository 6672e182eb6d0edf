package io.incidentledger.incident.command;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.api.AttachDetection;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.api.OpenIncidentFromDetection;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Detections on the incident: opening from one, attaching more, recognising redeliveries. */
class IncidentDetectionTest {

    private static final IncidentId ID = new IncidentId("0d7a3e1c-5b2f-4c6d-9e8f-7a6b5c4d3e2f");
    private static final Instant OBSERVED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant RECEIVED_AT = Instant.parse("2026-03-01T10:00:02Z");
    private static final String TITLE = "Drainer contract interaction";

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void aDetectionOpensAnIncidentFromTheDetectorsTimesWithTheDetectionAsItsFirstFact() {
        Detection detection = detection("alert-1", Severity.HIGH, OBSERVED_AT);

        fixture.givenNoPriorActivity()
                .when(new OpenIncidentFromDetection(ID, TITLE, detection))
                .expectEvents(new IncidentReported(ID, TITLE, "seen by the SIEM", Severity.HIGH,
                                Category.FRAUDULENT_TRANSACTION, IncidentSource.DETECTION, OBSERVED_AT, RECEIVED_AT),
                        new DetectionAttached(ID, detection));
    }

    @Test
    void anObservationTimeAfterReceiptIsNotTakenForWhenTheIncidentOccurred() {
        Detection detection = detection("alert-1", Severity.HIGH, RECEIVED_AT.plusSeconds(60));

        fixture.givenNoPriorActivity()
                .when(new OpenIncidentFromDetection(ID, TITLE, detection))
                .expectEvents(new IncidentReported(ID, TITLE, "seen by the SIEM", Severity.HIGH,
                                Category.FRAUDULENT_TRANSACTION, IncidentSource.DETECTION, null, RECEIVED_AT),
                        new DetectionAttached(ID, detection));
    }

    @Test
    void anotherDetectionJoinsTheOpenIncident() {
        Detection second = detection("alert-2", Severity.MEDIUM, OBSERVED_AT);

        fixture.given(opened(detection("alert-1", Severity.HIGH, OBSERVED_AT)))
                .when(new AttachDetection(ID, second))
                .expectResultMessagePayload(DetectionOutcome.ATTACHED)
                .expectEvents(new DetectionAttached(ID, second));
    }

    @Test
    void aStrongerDetectionRaisesTheIncidentsSeverity() {
        Detection critical = detection("alert-2", Severity.CRITICAL, OBSERVED_AT);

        fixture.given(opened(detection("alert-1", Severity.MEDIUM, OBSERVED_AT)))
                .when(new AttachDetection(ID, critical))
                .expectEvents(new DetectionAttached(ID, critical), new IncidentEscalated(ID, Severity.MEDIUM,
                        Severity.CRITICAL, "detection Drainer contract interaction from GENERIC"));
    }

    @Test
    void aRedeliveryOfTheSameAlertIsRecognisedAndNotCountedTwice() {
        Detection first = detection("alert-1", Severity.HIGH, OBSERVED_AT);

        fixture.given(opened(first))
                .when(new AttachDetection(ID, detection("alert-1", Severity.HIGH, OBSERVED_AT.plusSeconds(5))))
                .expectResultMessagePayload(DetectionOutcome.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void aDismissedIncidentTakesNoMoreDetections() {
        fixture.given(opened(detection("alert-1", Severity.HIGH, OBSERVED_AT)))
                .andGiven(new IncidentDismissed(ID, "test alert"))
                .when(new AttachDetection(ID, detection("alert-2", Severity.HIGH, OBSERVED_AT)))
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("takes no more detections"))
                .expectNoEvents();
    }

    private static List<Object> opened(Detection detection) {
        return List.of(new IncidentReported(ID, TITLE, "seen by the SIEM", detection.severity(),
                detection.category(), IncidentSource.DETECTION, OBSERVED_AT, RECEIVED_AT),
                new DetectionAttached(ID, detection));
    }

    private static Detection detection(String alertId, Severity severity, Instant observedAt) {
        return new Detection(DetectionSource.GENERIC, "siem/" + alertId, TITLE, "seen by the SIEM",
                severity.name(), severity, Category.FRAUDULENT_TRANSACTION, "1", List.of("0xdrainer"),
                List.of("0xabc"), List.of(), "generic:siem:" + TITLE + ":1:0xdrainer", "a".repeat(64), null, null,
                observedAt, RECEIVED_AT);
    }
}
