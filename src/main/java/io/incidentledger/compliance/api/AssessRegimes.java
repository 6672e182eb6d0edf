package io.incidentledger.compliance.api;

import java.util.List;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the regimes the incident falls under. */
public record AssessRegimes(@TargetAggregateIdentifier IncidentId incidentId, List<Regime> regimes, String rationale) {
}
