package io.incidentledger.incident.api;

import java.util.List;

import io.incidentledger.compliance.api.Regime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the regimes the incident falls under. */
public record AssessRegimes(@TargetAggregateIdentifier IncidentId incidentId, List<Regime> regimes, String rationale) {
}
