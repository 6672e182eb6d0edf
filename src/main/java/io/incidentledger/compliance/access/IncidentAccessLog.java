package io.incidentledger.compliance.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Arrays;
import java.util.List;

import io.incidentledger.compliance.access.api.IncidentRead;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Who read which incident, and when: one log per incident (aggregate id {@code access-log:<incident id>}), created
 * by the first recorded read. Kept in the event store rather than in a table so that each read is hash-chained and
 * admitted to the Merkle log: an operator cannot quietly remove a regulator's read.
 */
@Aggregate
public class IncidentAccessLog {

    @AggregateIdentifier
    private String accessLogId;

    protected IncidentAccessLog() {
        // required by Axon to rebuild the log from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordIncidentRead command, @MetaDataValue(value = ActorMetadata.ACTOR, required = true) String reader,
                @MetaDataValue(ActorMetadata.ACTOR_ROLES) String roles) {
        apply(new IncidentRead(command.incidentId(), command.view(), reader, roles(roles)));
    }

    @EventSourcingHandler
    void on(IncidentRead event) {
        accessLogId = RecordIncidentRead.ID_PREFIX + event.incidentId().value();
    }

    private static List<String> roles(String roles) {
        return roles == null || roles.isBlank() ? List.of()
                : Arrays.stream(roles.split(",")).map(String::strip).filter(role -> !role.isEmpty()).sorted().toList();
    }
}
