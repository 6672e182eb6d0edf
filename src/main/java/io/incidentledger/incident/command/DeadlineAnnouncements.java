package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The deadlines the incident has announced as approaching or missed. A regulatory report's deadline is announced once
 * per due instant (and tier); the other deadlines as often as the watch asks, which is the incident's to allow
 * ({@link Incident} takes them only while it is open).
 *
 * <p>Its state is a field of the incident's snapshot, hence the field access for Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class DeadlineAnnouncements {

    private final Set<String> announced = new HashSet<>();

    void recordApproaching(RecordDeadlineApproaching command) {
        if (announcedBefore(command.kind(), command.subject(), command.dueAt(), 0)) {
            return;
        }
        apply(new DeadlineApproaching(command.incidentId(), command.kind(), command.subject(), command.dueAt()));
    }

    void recordMissed(RecordDeadlineMissed command) {
        if (announcedBefore(command.kind(), command.subject(), command.dueAt(), command.tier())) {
            return;
        }
        apply(new DeadlineMissed(command.incidentId(), command.kind(), command.subject(), command.dueAt(),
                command.tier()));
    }

    @EventSourcingHandler
    void on(DeadlineApproaching event) {
        announced.add(key(event.kind(), event.subject(), event.dueAt(), 0));
    }

    @EventSourcingHandler
    void on(DeadlineMissed event) {
        announced.add(key(event.kind(), event.subject(), event.dueAt(), event.tier()));
    }

    private boolean announcedBefore(DeadlineKind kind, String subject, Instant dueAt, int tier) {
        return kind == DeadlineKind.REGULATORY_REPORT && announced.contains(key(kind, subject, dueAt, tier));
    }

    private static String key(DeadlineKind kind, String subject, Instant dueAt, int tier) {
        return kind + "|" + subject + "|" + dueAt + "|" + tier;
    }
}
