package io.incidentledger.incident.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.RequestMetadata;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.ReportIncident;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

/**
 * Reports incidents, idempotently when the client sends an {@code Idempotency-Key}: the incident id is derived from
 * the principal and the key, so a retried report hits the same event stream and the store's uniqueness rule refuses
 * the second first-event, on any node. The report's digest rides in the first event's metadata, which tells a genuine
 * retry (same request: the first result again) from a key reused for another request (refused).
 */
@Component
class IncidentReports {

    private final CommandGateway commands;
    private final EventStore eventStore;

    IncidentReports(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    /** The outcome of a report: the incident's id and whether this call created it. */
    record Outcome(IncidentId incidentId, boolean created) {
    }

    Outcome report(ReportIncident command, Optional<String> idempotencyKey, String requestDigest) {
        if (idempotencyKey.isEmpty()) {
            commands.sendAndWait(command);
            return new Outcome(command.incidentId(), true);
        }
        MetaData metaData = MetaData.from(Map.of(RequestMetadata.IDEMPOTENCY_KEY, idempotencyKey.get(),
                RequestMetadata.REQUEST_DIGEST, requestDigest));
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            return new Outcome(command.incidentId(), true);
        } catch (AggregateStreamCreationException alreadyReported) {
            DomainEventMessage<?> first = eventStore.readEvents(command.incidentId().value()).next();
            if (!requestDigest.equals(first.getMetaData().get(RequestMetadata.REQUEST_DIGEST))) {
                throw CommandRefusedException.invalid("idempotency-key-reused",
                        "this Idempotency-Key was already used for a different report");
            }
            return new Outcome(command.incidentId(), false);
        }
    }

    /** A new incident id, or for an idempotent report the id derived from the principal and the key. */
    static IncidentId incidentIdFor(String principal, Optional<String> idempotencyKey) {
        return IncidentId.of(idempotencyKey
                .map(key -> UUID.nameUUIDFromBytes(("incident-ledger:report:" + principal.length() + ":" + principal
                        + ":" + key).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(UUID::randomUUID));
    }

    static String digest(byte[] canonicalRequest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
