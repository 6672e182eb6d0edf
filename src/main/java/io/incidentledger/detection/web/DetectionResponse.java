package io.incidentledger.detection.web;

import io.incidentledger.incident.api.DetectionOutcome;

/** What the ingest API answers: the incident the detection belongs to and what became of it. */
public record DetectionResponse(String incidentId, DetectionOutcome outcome) {
}
