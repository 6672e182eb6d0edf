package io.incidentledger.detection.api;

/** Where a detection came from. */
public enum DetectionSource {
    FORTA, OPENZEPPELIN_MONITOR, GENERIC, TRANSACTION_RULE
}
