package io.incidentledger.compliance.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordRegulatoryClassification;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.RegulatoryClassification;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.ApiClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The register and obligations views in the running application (H2, the shipped German-CASP profile): facts sent
 * as commands, read over HTTP by the roles that may, refused to the others, and rebuilt identically by a replay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:compliance-obligations-app;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/compliance/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/compliance/witness-${random.uuid}.checkpoint"
})
class ComplianceObligationsApplicationTest {

    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final MetaData OFFICER = MetaData.from(Map.of(ActorMetadata.ACTOR, "officer",
            ActorMetadata.ACTOR_TYPE, "USER", ActorMetadata.ACTOR_ROLES, "COMMANDER"));
    /** The worked example, in 2026: aware Monday 08:00, classified Tuesday 06:00 (Berlin). */
    private static final Instant DETECTED = berlin("2026-03-02T07:30");
    private static final Instant AWARE = berlin("2026-03-02T08:00");
    private static final Instant CLASSIFIED = berlin("2026-03-03T06:00");
    private static final Instant INITIAL_DUE = berlin("2026-03-03T08:00");

    private static IncidentId dora;
    private static IncidentId quiet;

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    JdbcTemplate jdbc;

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    @BeforeAll
    static void ids() {
        dora = IncidentId.of(UUID.randomUUID());
        quiet = IncidentId.of(UUID.randomUUID());
    }

    /** One DORA incident with its initial notification sent late, and one minor incident; sent once per context. */
    private void recordFacts() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, dora.value()) > 0) {
            return;
        }
        commands.sendAndWait(new ReportIncident(dora, "Hot wallet drained, \"urgent\"", null, Severity.CRITICAL,
                Category.KEY_COMPROMISE, IncidentSource.MANUAL, null, DETECTED), OFFICER);
        commands.sendAndWait(new RecordAwareness(dora, AWARE, "custody team confirmed"), OFFICER);
        commands.sendAndWait(new RecordRegulatoryClassification(dora, RegulatoryClassification.DORA_MAJOR,
                CLASSIFIED, Map.of(), "RTS 2024/1772 criteria met"), OFFICER);
        commands.sendAndWait(new RecordReportSubmission(dora, Stage.DORA_INITIAL, INITIAL_DUE.plusSeconds(60),
                "BaFin-2026-0042", null), OFFICER);
        commands.sendAndWait(new ReportIncident(quiet, "Phishing mail", null, Severity.LOW, Category.OTHER,
                IncidentSource.MANUAL, null, berlin("2026-03-20T10:00")), OFFICER);
        await().atMost(VIEW_WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM compliance_obligation WHERE incident_id = ? AND submitted_at IS NOT NULL",
                Long.class, dora.value()) == 1 && jdbc.queryForObject(
                "SELECT COUNT(*) FROM compliance_register WHERE incident_id = ?", Long.class, quiet.value()) == 1);
    }

    @Test
    void theIncidentsObligationsShowTheWorkedExampleAndTheLateInitialNotification() {
        recordFacts();

        ApiClient.Response response = api().get("regulator", "/api/compliance/incidents/" + dora + "/obligations");

        assertThat(response.status()).isEqualTo(200);
        JsonNode obligations = response.json().path("obligations");
        assertThat(obligations.get(0).path("stage").asString()).isEqualTo("DORA_INITIAL");
        assertThat(Instant.parse(obligations.get(0).path("dueAt").asString())).isEqualTo(INITIAL_DUE);
        assertThat(obligations.get(0).path("status").asString()).isEqualTo("LATE");
        assertThat(obligations.get(1).path("stage").asString()).isEqualTo("DORA_INTERMEDIATE");
        assertThat(response.json().path("submissions").get(0).path("authorityReference").asString())
                .isEqualTo("BaFin-2026-0042");
    }

    @Test
    void anUnknownIncidentIsA404() {
        ApiClient.Response response = api().get("regulator", "/api/compliance/incidents/" + UUID.randomUUID()
                + "/obligations");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("incident-not-found");
    }

    @Test
    void theRegisterListsEveryIncidentAndFiltersBySeverityAndDetectionPeriod() {
        recordFacts();
        ApiClient api = api();

        JsonNode critical = api.get("regulator", "/api/compliance/register?severity=CRITICAL").json();
        assertThat(critical.path("items")).hasSize(1);
        assertThat(critical.path("items").get(0).path("incidentId").asString()).isEqualTo(dora.value());
        assertThat(Instant.parse(critical.path("items").get(0).path("awareAt").asString())).isEqualTo(AWARE);
        JsonNode march = api.get("regulator", "/api/compliance/register?from=2026-03-10T00:00:00Z"
                + "&to=2026-04-01T00:00:00Z&size=1").json();
        assertThat(march.path("items").get(0).path("incidentId").asString()).isEqualTo(quiet.value());
        assertThat(march.path("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void theObligationListFiltersByRegimeAndStatus() {
        recordFacts();

        JsonNode late = api().get("commander", "/api/compliance/obligations?regime=DORA&status=LATE").json();

        assertThat(late.path("items")).hasSize(1);
        assertThat(late.path("items").get(0).path("incidentId").asString()).isEqualTo(dora.value());
        assertThat(late.path("items").get(0).path("stage").asString()).isEqualTo("DORA_INITIAL");
        assertThat(api().get("commander", "/api/compliance/obligations?regime=GDPR").json().path("items"))
                .isEmpty();
    }

    @Test
    void theRegisterCsvHasAHeaderRowAndQuotesPerRfc4180() {
        recordFacts();

        ApiClient.Response csv = api().get("regulator", "/api/compliance/register.csv?severity=CRITICAL");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("incident_id,title,category,severity,status,occurred_at,detected_at,aware_at,gdpr_classified_at,"
                + "gdpr_high_risk,nis2_classified_at,dora_classified_at,materiality_determined_at,material,"
                + "hipaa_discovered_at,nydfs_determined_at,extortion_paid_at,contained_at,resolved_at,closed_at,"
                + "regimes,regimes_assessed");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(dora.value() + ",\"Hot wallet drained, \"\"urgent\"\"\",KEY_COMPROMISE,"
                + "CRITICAL,REPORTED,," + DETECTED + "," + AWARE + ",");
    }

    @Test
    void theObligationsCsvListsEachStageWithItsStatus() {
        recordFacts();

        ApiClient.Response csv = api().get("admin", "/api/compliance/obligations.csv?regime=DORA");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("incident_id,regime,stage,status,anchor,anchored_at,due_at,grace_until,"
                + "last_on_time_at,submitted_at,evaluated_at");
        assertThat(lines[1]).startsWith(dora.value() + ",DORA,DORA_INITIAL,LATE,AWARENESS," + AWARE + ","
                + INITIAL_DUE + ",," + INITIAL_DUE + "," + INITIAL_DUE.plusSeconds(60) + ",");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/compliance/register?status=OPENISH", "/api/compliance/register?size=0",
            "/api/compliance/register?from=yesterday", "/api/compliance/obligations?regime=MICA",
            "/api/compliance/obligations?status=LATEISH",
            "/api/compliance/obligations.csv?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
            "/api/compliance/register.csv?severity=HUGE"})
    void aBadFilterValueIsA422(String path) {
        ApiClient.Response response = api().get("regulator", path);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"regulator,/api/compliance/register", "regulator,/api/compliance/register.csv",
            "regulator,/api/compliance/obligations", "regulator,/api/compliance/obligations.csv",
            "commander,/api/compliance/register", "admin,/api/compliance/obligations"})
    void regulatorsCommandersAndAdminsReadEveryView(String user, String path) {
        assertThat(api().get(user, path).status()).isEqualTo(200);
    }

    @Test
    void aRegulatorReadsAnIncidentsObligations() {
        recordFacts();
        assertThat(api().get("regulator", "/api/compliance/incidents/" + dora + "/obligations").status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} may not read {1}")
    @CsvSource({"responder,/api/compliance/register", "responder,/api/compliance/register.csv",
            "responder,/api/compliance/obligations", "responder,/api/compliance/obligations.csv",
            "detector,/api/compliance/register", "detector,/api/compliance/obligations",
            "responder,/api/compliance/incidents/x/obligations", "detector,/api/compliance/incidents/x/obligations"})
    void respondersAndDetectorsAreRefused(String user, String path) {
        assertThat(api().get(user, path).status()).isEqualTo(403);
    }

    @Test
    void readingWithoutCredentialsIsA401() {
        assertThat(api().get(null, "/api/compliance/register").status()).isEqualTo(401);
    }

    @Test
    void aReplayFromZeroRebuildsTheSameRegisterAndObligations() {
        recordFacts();
        Map<String, List<Map<String, Object>>> before = tables();
        String incidentView = api().get("regulator", "/api/compliance/register?size=200").body();

        TrackingEventProcessor processor = eventProcessing
                .eventProcessor(ComplianceObligationsProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM compliance_register", Long.class)).isZero();
        processor.start();

        await().atMost(VIEW_WAIT).untilAsserted(() -> assertThat(tables()).isEqualTo(before));
        assertThat(api().get("regulator", "/api/compliance/register?size=200").body()).isEqualTo(incidentView);
    }

    private Map<String, List<Map<String, Object>>> tables() {
        return Map.of(
                "register", jdbc.queryForList("SELECT * FROM compliance_register ORDER BY incident_id"),
                "obligations", jdbc.queryForList("SELECT * FROM compliance_obligation ORDER BY incident_id, stage"),
                "submissions", jdbc.queryForList(
                        "SELECT * FROM compliance_submission ORDER BY incident_id, sequence_number"),
                "hipaa", jdbc.queryForList("SELECT * FROM compliance_hipaa_affected ORDER BY incident_id, state"));
    }
}
