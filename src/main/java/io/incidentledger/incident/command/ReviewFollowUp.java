package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.review.api.AddReviewActionItem;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.ContributingFactorRecorded;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ProcedureChangeRecorded;
import io.incidentledger.review.api.RecordContributingFactor;
import io.incidentledger.review.api.RecordProcedureChange;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.StartReviewActionItem;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;

/**
 * The follow-up of the incident's post-incident review: its action items (each a {@link ReviewActionItem}), the
 * contributing factors and the procedure changes. All of it waits for a review to be recorded, and is then taken
 * whatever the incident's status, since action items stay open long after the incident closed; a reopening does not
 * take the review's follow-up away.
 *
 * <p>Its state is a field of the incident's snapshot, hence the field access for Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class ReviewFollowUp {

    private boolean reviewRecorded;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, ReviewActionItem> actionItems = new HashMap<>();

    /** Returns the new item's id. */
    @CommandHandler
    String handle(AddReviewActionItem command) {
        requireReviewed(command.incidentId(), "add an action item to");
        Require.text("description", command.description());
        Require.text("owner", command.owner());
        if (command.dueDate() == null) {
            throw CommandRefusedException.invalid("missing-dueDate", "dueDate is required");
        }
        String itemId = ReviewActionItemAdded.itemIdAt(actionItems.size());
        apply(new ReviewActionItemAdded(command.incidentId(), itemId, command.description(), command.owner(),
                command.dueDate()));
        return itemId;
    }

    @CommandHandler
    void handle(StartReviewActionItem command) {
        actionItem(command.incidentId(), command.itemId()).start(command);
    }

    @CommandHandler
    void handle(CloseReviewActionItem command) {
        actionItem(command.incidentId(), command.itemId()).close(command);
    }

    @CommandHandler
    void handle(RecordContributingFactor command) {
        requireReviewed(command.incidentId(), "record a contributing factor on");
        Require.text("factor", command.factor());
        apply(new ContributingFactorRecorded(command.incidentId(), command.factor()));
    }

    @CommandHandler
    void handle(RecordProcedureChange command) {
        requireReviewed(command.incidentId(), "record a procedure change on");
        Require.text("description", command.description());
        apply(new ProcedureChangeRecorded(command.incidentId(), command.description(), command.reference()));
    }

    /** Creates the review's own items, numbered on from those recorded before (a review after a reopening). */
    @EventSourcingHandler
    void on(PostIncidentReviewRecorded event) {
        reviewRecorded = true;
        for (int item = 0; item < event.actionItems().size(); item++) {
            add(ReviewActionItemAdded.itemIdAt(actionItems.size()));
        }
    }

    /** Creates the item; the item follows its own events from there. */
    @EventSourcingHandler
    void on(ReviewActionItemAdded event) {
        add(event.itemId());
    }

    private void add(String itemId) {
        actionItems.put(itemId, new ReviewActionItem(itemId));
    }

    private ReviewActionItem actionItem(IncidentId incidentId, String itemId) {
        ReviewActionItem item = actionItems.get(itemId);
        if (item == null) {
            throw CommandRefusedException.notFound("action-item-not-found",
                    "incident " + incidentId + " has no review action item " + itemId);
        }
        return item;
    }

    private void requireReviewed(IncidentId incidentId, String action) {
        if (!reviewRecorded) {
            throw CommandRefusedException.conflict("illegal-transition",
                    "cannot " + action + " incident " + incidentId + ": its post-incident review is not recorded yet");
        }
    }
}
