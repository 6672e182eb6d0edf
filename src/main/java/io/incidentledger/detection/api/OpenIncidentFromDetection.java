package io.incidentledger.detection.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open an incident for a detection that belongs to no open incident yet; the detection is its first fact. */
public record OpenIncidentFromDetection(@TargetAggregateIdentifier IncidentId incidentId, String title,
                                        Detection detection) {
}
