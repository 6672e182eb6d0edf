package io.incidentledger.detection.api;

/** What became of a detection: it opened an incident, joined an open one, or was a delivery already recorded. */
public enum DetectionOutcome {
    OPENED, ATTACHED, DUPLICATE
}
