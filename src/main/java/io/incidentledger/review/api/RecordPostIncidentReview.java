package io.incidentledger.review.api;

import java.util.List;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the post-incident review: root cause, lessons learned and the action items that follow. */
public record RecordPostIncidentReview(@TargetAggregateIdentifier IncidentId incidentId,
                                       String rootCause,
                                       String lessonsLearned,
                                       List<String> actionItems) {
}
