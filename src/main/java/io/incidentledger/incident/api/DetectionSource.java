package io.incidentledger.incident.api;

/** Where a detection came from. */
public enum DetectionSource {
    FORTA, OPENZEPPELIN_MONITOR, GENERIC, TRANSACTION_RULE
}
