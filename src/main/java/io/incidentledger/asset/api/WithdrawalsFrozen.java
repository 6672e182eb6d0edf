package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * Withdrawals through a channel were frozen as containment step {@code stepId} of incident {@code incidentId}.
 */
@Revision("1")
public record WithdrawalsFrozen(WithdrawalChannelId channelId,
                                IncidentId incidentId,
                                String stepId,
                                String reason,
                                String externalReference) {
}
