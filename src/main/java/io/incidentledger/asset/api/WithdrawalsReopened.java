package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A frozen withdrawal channel was reopened, undoing containment, in step {@code stepId} of incident
 * {@code incidentId}.
 */
@Revision("1")
public record WithdrawalsReopened(WithdrawalChannelId channelId,
                                  IncidentId incidentId,
                                  String stepId,
                                  String reason,
                                  String externalReference) {
}
