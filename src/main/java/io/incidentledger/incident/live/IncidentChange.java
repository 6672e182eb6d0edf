package io.incidentledger.incident.live;

import java.util.Optional;
import java.util.OptionalLong;

import io.incidentledger.incident.command.Incident;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * What the live feed says about one event of an incident: which incident, what happened (the event's type), its
 * place in the incident's history, when and by whom. Nothing of the event's contents: a client that wants them reads
 * the incident.
 *
 * @param incidentId the incident
 * @param type       the event's simple class name, e.g. {@code IncidentReported}
 * @param sequence   the event's sequence number within the incident
 * @param timestamp  when it was recorded, ISO-8601
 * @param actor      who caused it; {@code null} when the event does not say
 */
record IncidentChange(String incidentId, String type, long sequence, String timestamp, String actor) {

    /** The aggregate type the event store records for incidents' events. */
    static final String AGGREGATE_TYPE = Incident.class.getSimpleName();

    /** The change an event of the store makes to an incident; empty for any other event. */
    static Optional<IncidentChange> of(TrackedEventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || !AGGREGATE_TYPE.equals(domainEvent.getType())) {
            return Optional.empty();
        }
        Object actor = domainEvent.getMetaData().get(ActorMetadata.ACTOR);
        return Optional.of(new IncidentChange(domainEvent.getAggregateIdentifier(),
                domainEvent.getPayloadType().getSimpleName(), domainEvent.getSequenceNumber(),
                domainEvent.getTimestamp().toString(), actor instanceof String name ? name : null));
    }

    /** The event's position in the store: the global index its tracking token has reached. */
    static long position(TrackedEventMessage<?> event) {
        OptionalLong position = event.trackingToken().position();
        return position.orElseThrow(() -> new IllegalStateException("the event store's tokens have no position"));
    }
}
