package io.incidentledger.compliance.access;

import java.time.Instant;
import java.time.ZoneOffset;

import io.incidentledger.compliance.access.api.IncidentRead;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The access log as regulators and auditors query it: one row per recorded read of an incident, with who read which
 * view and when. Built only from the {@link IncidentRead} events and their timestamps; a reset empties it and a
 * replay rebuilds it exactly.
 */
@Component
@ProcessingGroup(AccessLogProjection.PROCESSING_GROUP)
public class AccessLogProjection {

    public static final String PROCESSING_GROUP = "compliance-access-log";

    private final JdbcTemplate jdbc;

    public AccessLogProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IncidentRead event, @SequenceNumber long sequence, @Timestamp Instant readAt,
            @MetaDataValue(ActorMetadata.ACTOR_TYPE) String readerType,
            EventMessage<?> message) {
        jdbc.update("""
                        INSERT INTO compliance_access_log (event_id, incident_id, sequence_number, view_name, reader,
                            reader_type, reader_roles, read_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                message.getIdentifier(), event.incidentId().value(), sequence, event.view(), event.reader(),
                readerType, String.join(",", event.readerRoles()), readAt.atOffset(ZoneOffset.UTC));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM compliance_access_log");
    }
}
