package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.ClockFixtures.GERMANY;
import static io.incidentledger.compliance.clock.ClockFixtures.berlin;
import static io.incidentledger.compliance.clock.ClockFixtures.euEntity;
import static io.incidentledger.compliance.clock.ClockFixtures.newYork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import org.junit.jupiter.api.Test;

/** The calculator as a whole: which regimes and stages appear, in which order, and that it is a pure function. */
class ClockCalculatorTest {

    private static final Instant AWARE = berlin("2026-03-02T08:00");
    private static final Duration WINDOW = Duration.ofHours(12);

    /** One incident that touches every regime, with some reports already sent. */
    private static final ComplianceFacts EVERYTHING = ComplianceFacts.awareAt(AWARE)
            .withPersonalDataBreach()
            .withNis2Significant()
            .withDoraMajorClassifiedAt(berlin("2026-03-03T06:00"))
            .withSecMaterialityDeterminedAt(newYork("2026-03-04T10:00"))
            .withHipaaDiscovery(AWARE, Map.of("NY", 700))
            .withNydfsDeterminedAt(AWARE)
            .withNydfsExtortionPaidAt(berlin("2026-03-02T20:00"))
            .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-03T07:30"))
            .withSubmission(Stage.NIS2_EARLY_WARNING, berlin("2026-03-03T09:00"))
            .withSubmission(Stage.GDPR_SA_NOTIFICATION, berlin("2026-03-04T08:00"));

    private static final OrganisationProfile EVERY_REGIME = OrganisationProfile.inMemberState(GERMANY,
            Regime.values());

    @Test
    void everyStageOfEveryApplicableRegimeAppearsOnceInStageOrder() {
        List<Obligation> obligations = ClockCalculator.obligations(EVERYTHING, EVERY_REGIME,
                berlin("2026-03-03T12:00"), WINDOW);

        assertThat(obligations).extracting(Obligation::stage, Obligation::status).containsExactly(
                tuple(Stage.GDPR_SA_NOTIFICATION, ObligationStatus.MET),
                tuple(Stage.NIS2_EARLY_WARNING, ObligationStatus.LATE),
                tuple(Stage.NIS2_NOTIFICATION, ObligationStatus.PENDING),
                tuple(Stage.NIS2_FINAL, ObligationStatus.NOT_STARTED),
                tuple(Stage.DORA_INITIAL, ObligationStatus.MET),
                tuple(Stage.DORA_INTERMEDIATE, ObligationStatus.PENDING),
                tuple(Stage.DORA_FINAL, ObligationStatus.NOT_STARTED),
                tuple(Stage.SEC_8K_ITEM_1_05, ObligationStatus.PENDING),
                tuple(Stage.HIPAA_INDIVIDUALS, ObligationStatus.PENDING),
                tuple(Stage.HIPAA_MEDIA, ObligationStatus.PENDING),
                tuple(Stage.HIPAA_HHS, ObligationStatus.PENDING),
                tuple(Stage.NYDFS_INCIDENT_NOTICE, ObligationStatus.PENDING),
                tuple(Stage.NYDFS_EXTORTION_NOTICE, ObligationStatus.DUE_SOON),
                tuple(Stage.NYDFS_EXTORTION_JUSTIFICATION, ObligationStatus.PENDING));
        assertThat(obligations).allSatisfy(obligation -> {
            assertThat(obligation.regime()).isEqualTo(obligation.stage().regime());
            assertThat(obligation.explanation()).startsWith(obligation.regime().label() + " ");
        });
    }

    @Test
    void regimesTheOrganisationIsNotSubjectToProduceNothing() {
        List<Obligation> obligations = ClockCalculator.obligations(EVERYTHING, euEntity(Regime.DORA), AWARE, WINDOW);

        assertThat(obligations).extracting(Obligation::regime).containsOnly(Regime.DORA);
    }

    @Test
    void theSameInputsGiveTheSameObligationsAndOnlyNowChangesTheStatus() {
        List<Obligation> first = ClockCalculator.obligations(EVERYTHING, EVERY_REGIME, AWARE, WINDOW);
        List<Obligation> again = ClockCalculator.obligations(EVERYTHING, EVERY_REGIME, AWARE, WINDOW);
        List<Obligation> aYearLater = ClockCalculator.obligations(EVERYTHING, EVERY_REGIME,
                berlin("2027-03-02T08:00"), WINDOW);

        assertThat(again).isEqualTo(first);
        assertThat(aYearLater).extracting(Obligation::dueAt).isEqualTo(first.stream().map(Obligation::dueAt).toList());
        assertThat(aYearLater).extracting(Obligation::status).doesNotContain(ObligationStatus.PENDING,
                ObligationStatus.DUE_SOON);
    }

    @Test
    void anEuRegimeWithoutAMemberStateCalendarIsRefused() {
        assertThatThrownBy(() -> OrganisationProfile.subjectTo(Regime.DORA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Member State");
    }

    @Test
    void usRegimesNeedNoMemberState() {
        ComplianceFacts facts = ComplianceFacts.awareAt(AWARE).withNydfsDeterminedAt(AWARE);

        assertThat(ClockCalculator.obligations(facts, OrganisationProfile.subjectTo(Regime.NYDFS), AWARE, WINDOW))
                .hasSize(1);
    }
}
