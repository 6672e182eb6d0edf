package io.incidentledger.review.api;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;

/** One reviewed incident in the lessons-learned view across incidents. */
public record LessonsLearnedView(String incidentId, String title, Category category, Severity severity,
                                 IncidentStatus status, ReviewView review) {
}
