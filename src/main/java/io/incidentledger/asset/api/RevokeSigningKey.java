package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a signing key as containment step {@code stepId} of an incident; a retried step changes nothing. */
public record RevokeSigningKey(@TargetAggregateIdentifier SigningKeyId keyId,
                               IncidentId incidentId,
                               String stepId,
                               String reason,
                               String externalReference) {
}
