package io.incidentledger.compliance.obligations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.AwarenessRecorded;
import io.incidentledger.compliance.api.ExtortionPaymentRecorded;
import io.incidentledger.compliance.api.MaterialityDetermined;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.ObligationView;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.RegisterEntryView;
import io.incidentledger.compliance.api.RegisterPageView;
import io.incidentledger.compliance.api.RegulatoryClassification;
import io.incidentledger.compliance.api.RegulatoryClassificationRecorded;
import io.incidentledger.compliance.api.RegulatoryReportSubmitted;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.compliance.clock.MemberState;
import io.incidentledger.compliance.clock.OrganisationProfile;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The compliance-obligations projection on the real migrations (H2): incident events in through Axon's handler
 * adapter, register and obligations out through {@link ComplianceViews}, judged at chosen instants.
 */
class ComplianceObligationsProjectionTest {

    // --- scenario: a CASP in Germany; the reference's DORA worked example ------------------------------------------

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 2 March 2026, 08:00 in Berlin. */
    private static final Instant AWARE_MONDAY_0800 = at("2026-03-02T08:00");
    private static final Instant DETECTED = at("2026-03-02T07:40");
    /** Tuesday 3 March 2026, 06:00 in Berlin: later than 4 h before the 24 h limb, which therefore decides. */
    private static final Instant CLASSIFIED_TUESDAY_0600 = at("2026-03-03T06:00");
    private static final Instant INITIAL_DUE_TUESDAY_0800 = at("2026-03-03T08:00");
    private static final Duration DUE_SOON = Duration.ofHours(12);
    private static final IncidentId INCIDENT = new IncidentId("0b6f7c3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e");
    private static final IncidentId OTHER = new IncidentId("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");

    private static final OrganisationProfile CASP_IN_GERMANY = OrganisationProfile
            .inMemberState(new MemberState("DE", BERLIN, Set.of(LocalDate.of(2026, 4, 3))), Regime.DORA,
                    Regime.GDPR, Regime.NYDFS)
            .withDoraWeekendRuleForInitialAndIntermediate(true);

    private static JdbcTemplate jdbc;

    private AnnotationEventHandlerAdapter projection;
    private ComplianceObligationsProjection target;
    private ComplianceViews views;
    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeAll
    static void migrate() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:compliance-obligations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void setUp() {
        ComplianceObligationsProjection.TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        ComplianceSettings settings = new ComplianceSettings(CASP_IN_GERMANY, DUE_SOON);
        target = new ComplianceObligationsProjection(jdbc, settings);
        projection = new AnnotationEventHandlerAdapter(target);
        views = new ComplianceViews(jdbc, settings);
    }

    private static Instant at(String berlinLocal) {
        return java.time.LocalDateTime.parse(berlinLocal).atZone(BERLIN).toInstant();
    }

    private void apply(IncidentId id, Object event) throws Exception {
        long sequence = sequences.merge(id.value(), 1L, Long::sum) - 1;
        projection.handle(new GenericDomainEventMessage<>("Incident", id.value(), sequence, event,
                Map.of("actor", "commander"), UUID.randomUUID().toString(), DETECTED.plusSeconds(sequence)));
    }

    private void reportDoraIncident(IncidentId id) throws Exception {
        apply(id, new IncidentReported(id, "Hot wallet drained", null, Severity.HIGH, Category.KEY_COMPROMISE,
                IncidentSource.MANUAL, null, DETECTED));
        apply(id, new AwarenessRecorded(id, AWARE_MONDAY_0800, "custody team confirmed the outflow"));
        apply(id, new RegulatoryClassificationRecorded(id, RegulatoryClassification.DORA_MAJOR,
                CLASSIFIED_TUESDAY_0600, Map.of(), "criteria of RTS 2024/1772 met"));
    }

    private void submit(IncidentId id, Stage stage, Instant submittedAt) throws Exception {
        apply(id, new RegulatoryReportSubmitted(id, stage, submittedAt, "BaFin-" + stage, null));
    }

    private List<ObligationView> obligations(IncidentId id, Instant now) {
        return views.obligations(new ObligationFilter(null, null, null, null), now, 0, 100).items().stream()
                .filter(obligation -> obligation.incidentId().equals(id.value()))
                .toList();
    }

    private ObligationView obligation(IncidentId id, Stage stage, Instant now) {
        return obligations(id, now).stream().filter(o -> o.stage() == stage).findFirst().orElseThrow();
    }

    // --- DORA ------------------------------------------------------------------------------------------------------

    @Test
    void awareMondayAtEightAndClassifiedTuesdayAtSixMakesTheInitialNotificationDueTuesdayAtEight() throws Exception {
        reportDoraIncident(INCIDENT);

        ObligationView initial = obligation(INCIDENT, Stage.DORA_INITIAL, AWARE_MONDAY_0800);

        assertThat(initial.dueAt()).isEqualTo(INITIAL_DUE_TUESDAY_0800);
        assertThat(initial.anchor()).isEqualTo(Anchor.AWARENESS);
        assertThat(initial.anchoredAt()).isEqualTo(AWARE_MONDAY_0800);
        assertThat(initial.graceUntil()).as("Tuesday is a working day: no noon rule").isNull();
    }

    @Test
    void theIntermediateReportIsNotStartedUntilTheInitialNotificationIsSubmitted() throws Exception {
        reportDoraIncident(INCIDENT);

        assertThat(obligation(INCIDENT, Stage.DORA_INTERMEDIATE, CLASSIFIED_TUESDAY_0600).status())
                .isEqualTo(ObligationStatus.NOT_STARTED);
        assertThat(obligation(INCIDENT, Stage.DORA_INTERMEDIATE, CLASSIFIED_TUESDAY_0600).dueAt()).isNull();

        submit(INCIDENT, Stage.DORA_INITIAL, at("2026-03-03T07:30"));

        ObligationView intermediate = obligation(INCIDENT, Stage.DORA_INTERMEDIATE, at("2026-03-03T07:31"));
        assertThat(intermediate.anchor()).isEqualTo(Anchor.DORA_INITIAL_SUBMITTED);
        assertThat(intermediate.dueAt()).isEqualTo(at("2026-03-06T07:30"));
        assertThat(intermediate.status()).isEqualTo(ObligationStatus.PENDING);
    }

    @Test
    void anInitialNotificationSubmittedByTheDueInstantIsMet() throws Exception {
        reportDoraIncident(INCIDENT);
        submit(INCIDENT, Stage.DORA_INITIAL, INITIAL_DUE_TUESDAY_0800);

        ObligationView initial = obligation(INCIDENT, Stage.DORA_INITIAL, at("2026-06-01T00:00"));

        assertThat(initial.status()).isEqualTo(ObligationStatus.MET);
        assertThat(initial.submittedAt()).isEqualTo(INITIAL_DUE_TUESDAY_0800);
    }

    @Test
    void anInitialNotificationSubmittedOneSecondLateIsLate() throws Exception {
        reportDoraIncident(INCIDENT);
        submit(INCIDENT, Stage.DORA_INITIAL, INITIAL_DUE_TUESDAY_0800.plusSeconds(1));

        assertThat(obligation(INCIDENT, Stage.DORA_INITIAL, AWARE_MONDAY_0800).status())
                .as("a submission is judged as recorded, whatever the time of reading")
                .isEqualTo(ObligationStatus.LATE);
    }

    @Test
    void anUnsubmittedStageIsPendingThenDueSoonThenMissedAsTimePasses() throws Exception {
        reportDoraIncident(INCIDENT);

        assertThat(obligation(INCIDENT, Stage.DORA_INITIAL, at("2026-03-02T19:59")).status())
                .isEqualTo(ObligationStatus.PENDING);
        assertThat(obligation(INCIDENT, Stage.DORA_INITIAL, at("2026-03-02T20:00")).status())
                .as("12 h before the due instant, inclusive").isEqualTo(ObligationStatus.DUE_SOON);
        assertThat(obligation(INCIDENT, Stage.DORA_INITIAL, INITIAL_DUE_TUESDAY_0800).status())
                .isEqualTo(ObligationStatus.DUE_SOON);
        assertThat(obligation(INCIDENT, Stage.DORA_INITIAL, INITIAL_DUE_TUESDAY_0800.plusSeconds(1)).status())
                .isEqualTo(ObligationStatus.MISSED);
    }

    @Test
    void aDeadlineOnAHolidayRunsToNoonOfTheNextWorkingDayWhereTheEntityMayUseTheRule() throws Exception {
        // aware on Thursday 2 April at 09:00, classified at once: due Good Friday 09:00, a configured holiday
        apply(OTHER, new IncidentReported(OTHER, "Node compromised", null, Severity.CRITICAL,
                Category.NODE_COMPROMISE, IncidentSource.MANUAL, null, at("2026-04-02T09:00")));
        apply(OTHER, new RegulatoryClassificationRecorded(OTHER, RegulatoryClassification.DORA_MAJOR,
                at("2026-04-03T05:00"), Map.of(), "major"));

        ObligationView initial = obligation(OTHER, Stage.DORA_INITIAL, at("2026-04-03T05:00"));

        assertThat(initial.dueAt()).isEqualTo(at("2026-04-03T09:00"));
        assertThat(initial.graceUntil()).as("Monday 6 April is a working day in this test's calendar")
                .isEqualTo(at("2026-04-06T12:00"));
        assertThat(obligation(OTHER, Stage.DORA_INITIAL, at("2026-04-06T11:00")).status())
                .isEqualTo(ObligationStatus.DUE_SOON);
        assertThat(obligation(OTHER, Stage.DORA_INITIAL, at("2026-04-06T12:01")).status())
                .isEqualTo(ObligationStatus.MISSED);
    }

    // --- facts -----------------------------------------------------------------------------------------------------

    @Test
    void untilAwarenessIsRecordedTheDetectionTimeIsTheAwareness() throws Exception {
        apply(INCIDENT, new IncidentReported(INCIDENT, "Leak", null, Severity.HIGH, Category.DATA_BREACH,
                IncidentSource.MANUAL, null, DETECTED));
        apply(INCIDENT, new RegulatoryClassificationRecorded(INCIDENT,
                RegulatoryClassification.GDPR_PERSONAL_DATA_BREACH, DETECTED.plusSeconds(3600), Map.of(), "emails"));

        assertThat(obligation(INCIDENT, Stage.GDPR_SA_NOTIFICATION, DETECTED).dueAt())
                .isEqualTo(DETECTED.plus(Duration.ofHours(72)));

        apply(INCIDENT, new AwarenessRecorded(INCIDENT, AWARE_MONDAY_0800, "DPO informed"));

        assertThat(obligation(INCIDENT, Stage.GDPR_SA_NOTIFICATION, DETECTED).dueAt())
                .as("the latest awareness record stands")
                .isEqualTo(AWARE_MONDAY_0800.plus(Duration.ofHours(72)));
    }

    @Test
    void theAssessedRegimesReplaceTheOrganisationsOnceRecorded() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(INCIDENT, new RegulatoryClassificationRecorded(INCIDENT,
                RegulatoryClassification.NYDFS_CYBERSECURITY_EVENT, CLASSIFIED_TUESDAY_0600, Map.of(), "NY"));
        assertThat(obligations(INCIDENT, DETECTED)).extracting(ObligationView::regime)
                .contains(Regime.DORA, Regime.NYDFS);

        apply(INCIDENT, new RegimesAssessed(INCIDENT, List.of(Regime.NYDFS), "not an EU service"));

        assertThat(obligations(INCIDENT, DETECTED)).extracting(ObligationView::stage)
                .containsExactly(Stage.NYDFS_INCIDENT_NOTICE);
        RegisterEntryView entry = views.register(new RegisterFilter(null, null, null, null, null), 0, 10)
                .items().get(0);
        assertThat(entry.regimes()).containsExactly(Regime.NYDFS);
        assertThat(entry.regimesAssessed()).isTrue();
    }

    @Test
    void theEarliestExtortionPaymentStartsTheNydfsClocks() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(INCIDENT, new ExtortionPaymentRecorded(INCIDENT, at("2026-03-04T10:00"), "second tranche"));
        apply(INCIDENT, new ExtortionPaymentRecorded(INCIDENT, at("2026-03-03T10:00"), "first tranche"));

        assertThat(obligation(INCIDENT, Stage.NYDFS_EXTORTION_NOTICE, DETECTED).dueAt())
                .isEqualTo(at("2026-03-04T10:00"));
    }

    @Test
    void aLaterDeterminationThatTheIncidentIsNotMaterialIsKeptInTheRegister() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(INCIDENT, new MaterialityDetermined(INCIDENT, at("2026-03-05T10:00"), false, "below threshold"));

        RegisterEntryView entry = views.register(new RegisterFilter(null, null, null, null, null), 0, 10)
                .items().get(0);
        assertThat(entry.materialityDeterminedAt()).isEqualTo(at("2026-03-05T10:00"));
        assertThat(entry.material()).isFalse();
    }

    // --- register --------------------------------------------------------------------------------------------------

    @Test
    void theRegisterShowsStatusSeverityAndTheKeyTimes() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(INCIDENT, new IncidentAcknowledged(INCIDENT));
        apply(INCIDENT, new IncidentEscalated(INCIDENT, Severity.HIGH, Severity.CRITICAL, "funds moving"));
        apply(INCIDENT, new IncidentContained(INCIDENT, at("2026-03-02T09:00"), "key revoked"));
        apply(INCIDENT, new IncidentResolved(INCIDENT, "rotated", at("2026-03-04T09:00")));

        RegisterEntryView entry = views.register(new RegisterFilter(null, null, null, null, null), 0, 10)
                .items().get(0);

        assertThat(entry.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(entry.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(entry.category()).isEqualTo(Category.KEY_COMPROMISE);
        assertThat(entry.detectedAt()).isEqualTo(DETECTED);
        assertThat(entry.awareAt()).isEqualTo(AWARE_MONDAY_0800);
        assertThat(entry.doraClassifiedAt()).isEqualTo(CLASSIFIED_TUESDAY_0600);
        assertThat(entry.containedAt()).isEqualTo(at("2026-03-02T09:00"));
        assertThat(entry.resolvedAt()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(entry.regimes()).containsExactly(Regime.GDPR, Regime.DORA, Regime.NYDFS);
        assertThat(entry.regimesAssessed()).isFalse();
    }

    @Test
    void theRegisterFiltersOnSeverityAndOnTheDetectionPeriod() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(OTHER, new IncidentReported(OTHER, "Phishing", null, Severity.LOW, Category.OTHER,
                IncidentSource.MANUAL, null, at("2026-03-10T10:00")));

        assertThat(views.register(new RegisterFilter(null, Severity.LOW, null, null, null), 0, 10).items())
                .extracting(RegisterEntryView::incidentId).containsExactly(OTHER.value());
        assertThat(views.register(new RegisterFilter(null, null, null, at("2026-03-01T00:00"),
                at("2026-03-10T10:00")), 0, 10).items())
                .as("to is exclusive").extracting(RegisterEntryView::incidentId).containsExactly(INCIDENT.value());
        RegisterPageView page = views.register(new RegisterFilter(null, null, null, null, null), 0, 1);
        assertThat(page.items()).extracting(RegisterEntryView::incidentId)
                .as("most recently detected first").containsExactly(OTHER.value());
        assertThat(page.totalItems()).isEqualTo(2);
        assertThat(page.totalPages()).isEqualTo(2);
    }

    // --- the list and the per-incident view agree -----------------------------------------------------------------

    @Test
    void theListJudgesEveryStageAsTheCalculatorDoesAtAnyInstant() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(INCIDENT, new RegulatoryClassificationRecorded(INCIDENT,
                RegulatoryClassification.GDPR_HIGH_RISK_TO_PEOPLE, CLASSIFIED_TUESDAY_0600, Map.of(), "ids"));
        submit(INCIDENT, Stage.DORA_INITIAL, at("2026-03-03T07:00"));
        submit(INCIDENT, Stage.DORA_INTERMEDIATE, at("2026-03-07T07:00"));

        for (Instant now = AWARE_MONDAY_0800; now.isBefore(at("2026-04-20T00:00"));
                now = now.plus(Duration.ofMinutes(97))) {
            Instant instant = now;
            Map<Stage, ObligationStatus> listed = new HashMap<>();
            obligations(INCIDENT, instant).forEach(o -> listed.put(o.stage(), o.status()));
            Map<Stage, ObligationStatus> computed = new HashMap<>();
            views.incident(INCIDENT.value(), instant).orElseThrow().obligations()
                    .forEach(o -> computed.put(o.stage(), o.status()));
            assertThat(listed).as("at %s", instant).isEqualTo(computed);
        }
    }

    @Test
    void theObligationListFiltersByRegimeStatusAndDuePeriod() throws Exception {
        reportDoraIncident(INCIDENT);
        apply(INCIDENT, new RegulatoryClassificationRecorded(INCIDENT,
                RegulatoryClassification.GDPR_PERSONAL_DATA_BREACH, CLASSIFIED_TUESDAY_0600, Map.of(), "emails"));
        Instant now = at("2026-03-04T21:00");

        assertThat(views.obligations(new ObligationFilter(Regime.GDPR, null, null, null), now, 0, 10).items())
                .extracting(ObligationView::stage).containsExactly(Stage.GDPR_SA_NOTIFICATION);
        assertThat(views.obligations(new ObligationFilter(null, ObligationStatus.MISSED, null, null), now, 0, 10)
                .items()).extracting(ObligationView::stage).containsExactly(Stage.DORA_INITIAL);
        assertThat(views.obligations(new ObligationFilter(null, ObligationStatus.DUE_SOON, null, null), now, 0, 10)
                .items()).extracting(ObligationView::stage).containsExactly(Stage.GDPR_SA_NOTIFICATION);
        assertThat(views.obligations(new ObligationFilter(null, null, at("2026-03-05T00:00"), null), now, 0, 10)
                .items()).as("a period leaves out stages without a due instant")
                .extracting(ObligationView::stage).containsExactly(Stage.GDPR_SA_NOTIFICATION);
    }

    @Test
    void theIncidentViewExplainsEachDeadlineAndListsTheSubmissions() throws Exception {
        reportDoraIncident(INCIDENT);
        submit(INCIDENT, Stage.DORA_INITIAL, at("2026-03-03T07:30"));

        IncidentObligationsView view = views.incident(INCIDENT.value(), at("2026-03-03T09:00")).orElseThrow();

        assertThat(view.obligations().get(0).explanation()).startsWith("DORA initial notification: 24 h after"
                + " awareness (Mon 2026-03-02 08:00 CET)");
        assertThat(view.submissions()).singleElement().satisfies(submission -> {
            assertThat(submission.authorityReference()).isEqualTo("BaFin-DORA_INITIAL");
            assertThat(submission.recordedBy()).isEqualTo("commander");
        });
        assertThat(views.incident("no-such-incident", DETECTED)).isEmpty();
    }

    // --- replay ----------------------------------------------------------------------------------------------------

    @Test
    void aResetAndAReplayOfTheSameEventsGiveTheSameTables() throws Exception {
        List<GenericDomainEventMessage<?>> events = new java.util.ArrayList<>();
        AnnotationEventHandlerAdapter recording = projection;
        projection = new AnnotationEventHandlerAdapter(target) {
            @Override
            public Object handle(org.axonframework.eventhandling.EventMessage<?> event) throws Exception {
                events.add((GenericDomainEventMessage<?>) event);
                return recording.handle(event);
            }
        };
        reportDoraIncident(INCIDENT);
        submit(INCIDENT, Stage.DORA_INITIAL, at("2026-03-03T09:00"));
        apply(INCIDENT, new RegulatoryClassificationRecorded(INCIDENT, RegulatoryClassification.HIPAA_BREACH,
                CLASSIFIED_TUESDAY_0600, Map.of("NY", 600, "CA", 20), "PHI"));
        apply(INCIDENT, new IncidentContained(INCIDENT, at("2026-03-02T09:00"), "isolated"));
        Map<String, List<Map<String, Object>>> before = tables();

        recording.prepareReset(null);
        assertThat(tables().values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        for (GenericDomainEventMessage<?> event : events) {
            recording.handle(event);
        }

        assertThat(tables()).isEqualTo(before);
        assertThat(before.get("compliance_obligation")).isNotEmpty();
    }

    private static Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> tables = new HashMap<>();
        ComplianceObligationsProjection.TABLES.forEach(table -> tables.put(table,
                jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2")));
        return tables;
    }
}
