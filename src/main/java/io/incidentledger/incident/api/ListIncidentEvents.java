package io.incidentledger.incident.api;

/**
 * Ask for every event an incident recorded, read from the event store rather than from a view, each described as the
 * timeline describes it: answered with a list of {@link TimelineEntryView} in sequence order, empty for an unknown
 * incident. The summary is {@code null} for an event the timeline does not describe or whose payload today's classes
 * cannot read.
 */
public record ListIncidentEvents(IncidentId incidentId) {
}
