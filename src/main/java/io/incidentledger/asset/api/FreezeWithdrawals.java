package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Freeze a withdrawal channel as containment step {@code stepId} of an incident; a retried step changes nothing. */
public record FreezeWithdrawals(@TargetAggregateIdentifier WithdrawalChannelId channelId,
                                IncidentId incidentId,
                                String stepId,
                                String reason,
                                String externalReference) {
}
