package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;

/**
 * One incident in the compliance register: what it is, where it stands, and the times a regulator asks about.
 *
 * @param awareAt                 the latest recorded awareness, else the detection time
 * @param gdprClassifiedAt        classified as a personal-data breach (with or without high risk to people)
 * @param materialityDeterminedAt the latest materiality determination, whatever its outcome ({@code material})
 * @param regimes                 the regimes that apply: as assessed for the incident, else the organisation's
 * @param regimesAssessed         whether the regimes were assessed for this incident
 */
public record RegisterEntryView(String incidentId, String title, Category category, Severity severity,
                                IncidentStatus status, Instant occurredAt, Instant detectedAt, Instant awareAt,
                                Instant gdprClassifiedAt, boolean gdprHighRisk, Instant nis2ClassifiedAt,
                                Instant doraClassifiedAt, Instant materialityDeterminedAt, Boolean material,
                                Instant hipaaDiscoveredAt, Instant nydfsDeterminedAt, Instant extortionPaidAt,
                                Instant containedAt, Instant resolvedAt, Instant closedAt, List<Regime> regimes,
                                boolean regimesAssessed) {
}
