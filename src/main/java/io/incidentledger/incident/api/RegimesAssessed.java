package io.incidentledger.incident.api;

import java.util.List;

import io.incidentledger.compliance.api.Regime;
import org.axonframework.serialization.Revision;

/** The regimes the incident falls under, as assessed for this incident, and why. */
@Revision("1")
public record RegimesAssessed(IncidentId incidentId, List<Regime> regimes, String rationale) {
}
