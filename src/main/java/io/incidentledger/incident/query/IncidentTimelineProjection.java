package io.incidentledger.incident.query;

import static io.incidentledger.common.SqlTimes.utc;

import java.time.Instant;

import io.incidentledger.security.ActorMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each incident's timeline: every event, in the order the incident recorded it, with who caused it, in which roles,
 * and when. Built only from the stored events; a reset empties it and a replay rebuilds it exactly.
 */
@Component
@ProcessingGroup(IncidentTimelineProjection.PROCESSING_GROUP)
public class IncidentTimelineProjection {

    public static final String PROCESSING_GROUP = "incident-timeline";

    private static final int SUMMARY_LIMIT = 12000;

    private final JdbcTemplate jdbc;

    public IncidentTimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message, @SequenceNumber long sequence,
            @Timestamp Instant recordedAt) {
        TimelineSummaries.summarize(event).ifPresent(summary -> {
            MetaData metaData = message.getMetaData();
            jdbc.update("""
                            INSERT INTO incident_timeline (incident_id, sequence_number, event_id, event_type, summary,
                                actor, actor_type, actor_roles, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    message.getAggregateIdentifier(), sequence, message.getIdentifier(),
                    event.getClass().getSimpleName(), truncate(summary), text(metaData, ActorMetadata.ACTOR),
                    text(metaData, ActorMetadata.ACTOR_TYPE), text(metaData, ActorMetadata.ACTOR_ROLES),
                    utc(recordedAt));
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM incident_timeline");
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? "unknown" : value.toString();
    }

    private static String truncate(String summary) {
        return summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 1) + "…";
    }
}
