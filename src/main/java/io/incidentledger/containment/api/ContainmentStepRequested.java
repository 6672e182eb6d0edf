package io.incidentledger.containment.api;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A playbook (or a commander, by hand) asked for containment step {@code stepId}: {@code action} on {@code
 * target}; it waits for a commander's approval when {@code approvalRequired}. {@code playbook} names the
 * playbook, or is {@code "manual"} for a step a commander requested.
 */
@Revision("1")
public record ContainmentStepRequested(IncidentId incidentId, String stepId, String playbook,
                                       ContainmentStepAction action, AffectedAsset target, boolean approvalRequired,
                                       String reason) {
}
