package io.incidentledger.incident.query;

import java.util.List;

import io.incidentledger.incident.api.ListIncidentEvents;
import io.incidentledger.incident.api.TimelineEntryView;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Describes an incident's events straight from the event store, for readers that must not wait for the timeline view
 * (the audit trail): the same lines as the timeline, with who caused each event and when it was recorded.
 */
@Component
class IncidentEventQueries {

    static final String UNKNOWN = "unknown";

    private final EventStore eventStore;

    IncidentEventQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    List<TimelineEntryView> handle(ListIncidentEvents query) {
        // from sequence 0: the stream as stored, never starting at a snapshot
        return eventStore.readEvents(query.incidentId().value(), 0).asStream()
                .map(IncidentEventQueries::entry)
                .toList();
    }

    private static TimelineEntryView entry(DomainEventMessage<?> message) {
        MetaData metaData = message.getMetaData();
        return new TimelineEntryView(message.getSequenceNumber(), message.getIdentifier(),
                message.getPayloadType().getSimpleName(), summary(message), text(metaData, ActorMetadata.ACTOR),
                text(metaData, ActorMetadata.ACTOR_TYPE), text(metaData, ActorMetadata.ACTOR_ROLES),
                message.getTimestamp());
    }

    /** The timeline's line for the event; none when its payload cannot be read with today's classes. */
    private static String summary(DomainEventMessage<?> message) {
        try {
            return TimelineSummaries.summarize(message.getPayload()).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? UNKNOWN : value.toString();
    }
}
