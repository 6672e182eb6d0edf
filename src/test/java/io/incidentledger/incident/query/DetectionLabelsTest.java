package io.incidentledger.incident.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.api.DetectionView;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The labels of a detection on the real migrations (H2): projected with the detection and shown on the incident, and
 * for detections projected before V29, read from their events by the migration.
 */
class DetectionLabelsTest {

    private static final IncidentId ID = new IncidentId("3f6a2b1c-8d4e-4f5a-9b6c-7d8e9f0a1b2c");
    private static final Instant DETECTED_AT = Instant.parse("2026-05-04T07:00:00Z");
    private static final List<DetectionLabel> LABELS = List.of(
            new DetectionLabel("attacker", "0xdeadbeef00000000000000000000000000000001", 0.9),
            new DetectionLabel("victim", "0x00000000000000000000000000000000000000c0", null));

    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:detection-labels-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        jdbc = new JdbcTemplate(dataSource);
    }

    private static DetectionAttached detection() {
        return new DetectionAttached(ID, new Detection(DetectionSource.FORTA, "0xabc", "Attack detected", null,
                "CRITICAL", Severity.CRITICAL, Category.SMART_CONTRACT_EXPLOIT, "1", List.of(), List.of(), LABELS,
                "forta:A:1:", "0".repeat(64), null, null, null, DETECTED_AT));
    }

    private static GenericDomainEventMessage<?> message(long sequence, Object event) {
        return new GenericDomainEventMessage<>("Incident", ID.value(), sequence, event, Map.of("actor", "detector"),
                UUID.randomUUID().toString(), DETECTED_AT.plusSeconds(sequence));
    }

    private List<DetectionLabel> shownLabels() {
        List<DetectionView> detections = new IncidentQueries(jdbc).handle(new FindIncident(ID)).orElseThrow()
                .detections();
        assertThat(detections).hasSize(1);
        return detections.get(0).labels();
    }

    @Test
    void aDetectionsLabelsAreShownOnTheIncidentInTheDetectorsOrder() throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        AnnotationEventHandlerAdapter projection =
                new AnnotationEventHandlerAdapter(new IncidentRegisterProjection(jdbc));
        projection.handle(message(0, new IncidentReported(ID, "Attack detected", null, Severity.CRITICAL,
                Category.SMART_CONTRACT_EXPLOIT, IncidentSource.DETECTION, null, DETECTED_AT)));
        projection.handle(message(1, detection()));

        assertThat(shownLabels()).isEqualTo(LABELS);
    }

    @Test
    void theMigrationGivesDetectionsProjectedBeforeItTheLabelsOfTheirEvents() throws Exception {
        // the schema as it was just before V29, whatever came before
        MigrationVersion before = Arrays.stream(Flyway.configure().dataSource(dataSource)
                        .locations("classpath:db/migration").load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(MigrationVersion.fromVersion("29")) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(before).load().migrate();
        AnnotationEventHandlerAdapter projection =
                new AnnotationEventHandlerAdapter(new IncidentRegisterProjection(jdbc));
        projection.handle(message(0, new IncidentReported(ID, "Attack detected", null, Severity.CRITICAL,
                Category.SMART_CONTRACT_EXPLOIT, IncidentSource.DETECTION, null, DETECTED_AT)));
        // before V29 the projection wrote the detection without its labels (the label table did not exist)
        jdbc.update("""
                INSERT INTO incident_detection (incident_id, sequence_number, source, name, severity, category,
                    correlation_key, payload_sha256, received_at)
                VALUES (?, 1, 'FORTA', 'Attack detected', 'CRITICAL', 'SMART_CONTRACT_EXPLOIT', 'forta:A:1:', ?, ?)""",
                ID.value(), "0".repeat(64), java.sql.Timestamp.from(DETECTED_AT));
        // the event as Axon's Jackson serializer (Jackson 2) stores it
        byte[] payload = new ObjectMapper().findAndRegisterModules().writeValueAsBytes(detection());
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data, prev_hash, entry_hash)
                VALUES (?, ?, 1, 'Incident', ?, 'io.incidentledger.incident.api.DetectionAttached', '1', ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), ID.value(), DETECTED_AT.toString(), payload, new byte[0], new byte[32],
                new byte[32]);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(shownLabels()).isEqualTo(LABELS);
    }
}
