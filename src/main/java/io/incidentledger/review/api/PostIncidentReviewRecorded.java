package io.incidentledger.review.api;

import java.util.List;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** The post-incident review was recorded. */
@Revision("1")
public record PostIncidentReviewRecorded(IncidentId incidentId,
                                         String rootCause,
                                         String lessonsLearned,
                                         List<String> actionItems) {
}
