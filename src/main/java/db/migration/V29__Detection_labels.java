package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processing group incident-register: the labels a detector put on entities, per detection ({@code DetectionAttached}),
 * in the order the detector gave them. The labels have been in every {@code DetectionAttached} from the start but
 * were not projected; the detections already projected get theirs here, read from their events (whose payloads are
 * JSON), so that no replay is needed. Detections not projected yet get theirs from the projection. A Java migration
 * (Flyway names it by its class, hence the name) because SQL cannot read JSON in a {@code bytea} alike on H2 and
 * PostgreSQL.
 */
public class V29__Detection_labels extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE incident_detection_label (
                        incident_id      VARCHAR(36)      NOT NULL,
                        sequence_number  BIGINT           NOT NULL,
                        position         INTEGER          NOT NULL,
                        label            VARCHAR          NOT NULL,
                        entity           VARCHAR,
                        confidence       DOUBLE PRECISION,
                        CONSTRAINT pk_incident_detection_label PRIMARY KEY (incident_id, sequence_number, position)
                    )""");
        }
        JsonMapper json = JsonMapper.builder().build();
        try (PreparedStatement events = connection.prepareStatement("""
                SELECT d.incident_id, d.sequence_number, e.payload
                FROM incident_detection d
                JOIN domain_event_entry e
                  ON e.aggregate_identifier = d.incident_id AND e.sequence_number = d.sequence_number
                WHERE e.payload_type LIKE '%.DetectionAttached'""");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO incident_detection_label (incident_id, sequence_number, position, label, entity,
                         confidence)
                     VALUES (?, ?, ?, ?, ?, ?)""");
             ResultSet rows = events.executeQuery()) {
            while (rows.next()) {
                JsonNode labels = json.readTree(rows.getBytes("payload")).path("detection").path("labels");
                int position = 0;
                for (JsonNode label : labels) {
                    if (!label.path("label").isString()) {
                        continue;
                    }
                    insert.setString(1, rows.getString("incident_id"));
                    insert.setLong(2, rows.getLong("sequence_number"));
                    insert.setInt(3, position++);
                    insert.setString(4, label.path("label").stringValue());
                    insert.setString(5, label.path("entity").isString() ? label.path("entity").stringValue() : null);
                    if (label.path("confidence").isNumber()) {
                        insert.setDouble(6, label.path("confidence").doubleValue());
                    } else {
                        insert.setNull(6, Types.DOUBLE);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
