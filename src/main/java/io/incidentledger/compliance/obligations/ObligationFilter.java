package io.incidentledger.compliance.obligations;

import java.time.Instant;

import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;

/**
 * Which obligations to list; {@code null} matches everything. The period is on the due instant, {@code from}
 * inclusive and {@code to} not; a period leaves out the stages that have no due instant yet.
 */
public record ObligationFilter(Regime regime, ObligationStatus status, Instant from, Instant to) {
}
