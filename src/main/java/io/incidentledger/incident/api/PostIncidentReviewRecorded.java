package io.incidentledger.incident.api;

import java.util.List;

import org.axonframework.serialization.Revision;

/** The post-incident review was recorded. */
@Revision("1")
public record PostIncidentReviewRecorded(IncidentId incidentId,
                                         String rootCause,
                                         String lessonsLearned,
                                         List<String> actionItems) {
}
