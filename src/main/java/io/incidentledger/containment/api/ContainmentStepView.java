package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.AffectedAsset;

/**
 * A containment step as the incident's containment view shows it.
 *
 * @param decidedBy who approved or refused it, or asked for a retry; null while nobody has
 * @param lastError why the latest attempt failed; null after success
 */
public record ContainmentStepView(String stepId, String playbook, ContainmentStepAction action, AffectedAsset target,
                                  boolean approvalRequired, ContainmentStepStatus status, String reason,
                                  Instant requestedAt, String requestedBy, String decidedBy, Instant decidedAt,
                                  String decisionNote, int attempts, String lastError, Instant nextAttemptAt,
                                  String adapter, String externalReference, Instant executedAt) {
}
