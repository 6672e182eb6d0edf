package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a frozen withdrawal channel, undoing containment; a retried step changes nothing. */
public record ReopenWithdrawals(@TargetAggregateIdentifier WithdrawalChannelId channelId,
                                IncidentId incidentId,
                                String stepId,
                                String reason,
                                String externalReference) {
}
