package io.incidentledger.detection.api;

/**
 * A label a detector put on an entity, e.g. an address labelled "attacker" with confidence 0.9.
 *
 * @param confidence between 0 and 1, or null when the detector gave none
 */
public record DetectionLabel(String label, String entity, Double confidence) {
}
