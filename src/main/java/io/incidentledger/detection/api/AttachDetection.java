package io.incidentledger.detection.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Attach a detection to an open incident; a delivery of an alert it already has is recognised and not counted. */
public record AttachDetection(@TargetAggregateIdentifier IncidentId incidentId, Detection detection) {
}
