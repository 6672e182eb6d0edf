package io.incidentledger.incident.command;

import static io.incidentledger.common.CommandRefusedException.Kind.INVALID;
import static io.incidentledger.incident.command.Refusals.refusal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.compliance.api.AssessRegimes;
import io.incidentledger.compliance.api.AwarenessRecorded;
import io.incidentledger.compliance.api.DetermineMateriality;
import io.incidentledger.compliance.api.ExtortionPaymentRecorded;
import io.incidentledger.compliance.api.MaterialityDetermined;
import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordExtortionPayment;
import io.incidentledger.compliance.api.RecordRegulatoryClassification;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.RegulatoryClassification;
import io.incidentledger.compliance.api.RegulatoryClassificationRecorded;
import io.incidentledger.compliance.api.RegulatoryReportSubmitted;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facts regulatory clocks start from, each its own timestamped event, and the reports submitted. */
class IncidentComplianceFactsTest {

    private static final IncidentId ID = new IncidentId("3c9a1e57-8d2b-4f60-a1c4-7e5d9b2f0a18");
    private static final Instant OCCURRED_AT = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant DETECTED_AT = Instant.parse("2026-03-02T07:30:00Z");
    private static final Instant AWARE_AT = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant CLASSIFIED_AT = Instant.parse("2026-03-03T06:00:00Z");
    private static final Instant SUBMITTED_AT = Instant.parse("2026-03-03T07:45:00Z");
    private static final String DIGEST = "AB".repeat(32);

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void awarenessIsRecordedWithItsBasis() {
        fixture.given(reported())
                .when(new RecordAwareness(ID, AWARE_AT, "SOC analyst confirmed the alert"))
                .expectEvents(new AwarenessRecorded(ID, AWARE_AT, "SOC analyst confirmed the alert"));
    }

    @Test
    void awarenessBeforeTheIncidentOccurredIsRefused() {
        fixture.given(reported())
                .when(new RecordAwareness(ID, OCCURRED_AT.minusSeconds(1), "typo"))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectNoEvents();
    }

    @Test
    void aClassificationIsRecordedAsItsOwnFact() {
        fixture.given(reported())
                .when(new RecordRegulatoryClassification(ID, RegulatoryClassification.DORA_MAJOR, CLASSIFIED_AT,
                        null, "critical service down for 3 hours"))
                .expectEvents(new RegulatoryClassificationRecorded(ID, RegulatoryClassification.DORA_MAJOR,
                        CLASSIFIED_AT, Map.of(), "critical service down for 3 hours"));
    }

    @Test
    void aHipaaBreachCarriesThePeopleAffectedPerState() {
        fixture.given(reported())
                .when(new RecordRegulatoryClassification(ID, RegulatoryClassification.HIPAA_BREACH, CLASSIFIED_AT,
                        Map.of("NY", 620, "NJ", 40), "PHI in the exported ledger"))
                .expectEvents(new RegulatoryClassificationRecorded(ID, RegulatoryClassification.HIPAA_BREACH,
                        CLASSIFIED_AT, Map.of("NY", 620, "NJ", 40), "PHI in the exported ledger"));
    }

    @Test
    void aNegativeCountOfPeopleIsRefused() {
        fixture.given(reported())
                .when(new RecordRegulatoryClassification(ID, RegulatoryClassification.HIPAA_BREACH, CLASSIFIED_AT,
                        Map.of("NY", -1), "typo"))
                .expectException(refusal("invalid-affected-count", INVALID))
                .expectNoEvents();
    }

    @Test
    void aClassificationForARegimeTheIncidentWasAssessedOutOfIsRefused() {
        fixture.given(reported(), new RegimesAssessed(ID, List.of(Regime.DORA), "EU CASP"))
                .when(new RecordRegulatoryClassification(ID, RegulatoryClassification.HIPAA_BREACH, CLASSIFIED_AT,
                        Map.of(), "wrong regime"))
                .expectException(refusal("regime-not-applicable", INVALID))
                .expectNoEvents();
    }

    @Test
    void theAssessedRegimesAreRecordedOnceEachInOrder() {
        fixture.given(reported())
                .when(new AssessRegimes(ID, List.of(Regime.GDPR, Regime.DORA, Regime.GDPR), "EU CASP, personal data"))
                .expectEvents(new RegimesAssessed(ID, List.of(Regime.GDPR, Regime.DORA), "EU CASP, personal data"));
    }

    @Test
    void aMaterialityDeterminationIsRecordedWithItsRationale() {
        fixture.given(reported())
                .when(new DetermineMateriality(ID, CLASSIFIED_AT, true, "loss above 2% of client assets"))
                .expectEvents(new MaterialityDetermined(ID, CLASSIFIED_AT, true, "loss above 2% of client assets"));
    }

    @Test
    void anExtortionPaymentIsRecorded() {
        fixture.given(reported())
                .when(new RecordExtortionPayment(ID, CLASSIFIED_AT, "ransom paid after OFAC screening"))
                .expectEvents(new ExtortionPaymentRecorded(ID, CLASSIFIED_AT, "ransom paid after OFAC screening"));
    }

    @Test
    void anExtortionPaymentIsRefusedOnceTheRegimesWereAssessedWithoutNydfs() {
        fixture.given(reported(), new RegimesAssessed(ID, List.of(Regime.DORA, Regime.GDPR), "EU CASP"))
                .when(new RecordExtortionPayment(ID, CLASSIFIED_AT, "ransom paid"))
                .expectException(refusal("regime-not-applicable", INVALID))
                .expectNoEvents();
    }

    @Test
    void anExtortionPaymentIsRecordedWhenNydfsWasAssessed() {
        fixture.given(reported(), new RegimesAssessed(ID, List.of(Regime.NYDFS), "New York licence"))
                .when(new RecordExtortionPayment(ID, CLASSIFIED_AT, "ransom paid"))
                .expectEvents(new ExtortionPaymentRecorded(ID, CLASSIFIED_AT, "ransom paid"));
    }

    @Test
    void aMaterialityDeterminationIsRefusedOnceTheRegimesWereAssessedWithoutSec() {
        fixture.given(reported(), new RegimesAssessed(ID, List.of(Regime.DORA), "EU CASP"))
                .when(new DetermineMateriality(ID, CLASSIFIED_AT, false, "no US listing"))
                .expectException(refusal("regime-not-applicable", INVALID))
                .expectNoEvents();
    }

    @Test
    void aSubmittedReportIsRecordedWithTheAuthoritysReferenceAndItsDigestInLowerCase() {
        fixture.given(reported())
                .when(new RecordReportSubmission(ID, Stage.DORA_INITIAL, SUBMITTED_AT, "BaFin-2026-0042", DIGEST))
                .expectEvents(new RegulatoryReportSubmitted(ID, Stage.DORA_INITIAL, SUBMITTED_AT, "BaFin-2026-0042",
                        "ab".repeat(32)));
    }

    @Test
    void reportsAreRecordedAfterTheIncidentIsClosed() {
        fixture.given(reported(), new IncidentClosed(ID, CLASSIFIED_AT))
                .when(new RecordReportSubmission(ID, Stage.DORA_FINAL, SUBMITTED_AT, "BaFin-2026-0042-F", null))
                .expectEvents(new RegulatoryReportSubmitted(ID, Stage.DORA_FINAL, SUBMITTED_AT, "BaFin-2026-0042-F",
                        null));
    }

    @Test
    void aReportDigestThatIsNotSha256IsRefused() {
        fixture.given(reported())
                .when(new RecordReportSubmission(ID, Stage.DORA_INITIAL, SUBMITTED_AT, "ref", "abc"))
                .expectException(refusal("invalid-sha256", INVALID))
                .expectNoEvents();
    }

    @Test
    void aReportSubmittedBeforeTheIncidentWasDetectedIsRefused() {
        fixture.given(reported())
                .when(new RecordReportSubmission(ID, Stage.DORA_INITIAL, DETECTED_AT.minusSeconds(60), "ref", null))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectNoEvents();
    }

    private static IncidentReported reported() {
        return new IncidentReported(ID, "Custody API outage", "withdrawals stuck", Severity.HIGH,
                Category.SERVICE_DISRUPTION, IncidentSource.MANUAL, OCCURRED_AT, DETECTED_AT);
    }
}
