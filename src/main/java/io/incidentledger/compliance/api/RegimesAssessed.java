package io.incidentledger.compliance.api;

import java.util.List;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** The regimes the incident falls under, as assessed for this incident, and why. */
@Revision("1")
public record RegimesAssessed(IncidentId incidentId, List<Regime> regimes, String rationale) {
}
