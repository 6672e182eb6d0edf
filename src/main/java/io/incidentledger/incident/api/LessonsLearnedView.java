package io.incidentledger.incident.api;

/** One reviewed incident in the lessons-learned view across incidents. */
public record LessonsLearnedView(String incidentId, String title, Category category, Severity severity,
                                 IncidentStatus status, ReviewView review) {
}
