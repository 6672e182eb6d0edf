package io.incidentledger.review.api;

import java.time.LocalDate;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * An action item of the post-incident review: {@code itemId} (A1, A2, … in the order they were added, counting the
 * review's own items first), what to do, who owns it and by when.
 */
@Revision("1")
public record ReviewActionItemAdded(IncidentId incidentId, String itemId, String description, String owner,
                                    LocalDate dueDate) {

    /** The id of the incident's action item at {@code position} (0 for the first): A1, A2, … */
    public static String itemIdAt(int position) {
        return "A" + (position + 1);
    }
}
