package io.incidentledger.detection.web;

import io.incidentledger.detection.api.DetectionOutcome;

/** What the ingest API answers: the incident the detection belongs to and what became of it. */
public record DetectionResponse(String incidentId, DetectionOutcome outcome) {
}
