package io.incidentledger.containment.api;

import java.util.List;

/**
 * Containment steps across incidents that stand at one status: the newest {@code items}, and how many stand there in
 * all.
 */
public record ContainmentStepQueueView(List<IncidentContainmentStepView> items, long totalItems) {
}
