package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;
import io.incidentledger.review.api.StartReviewActionItem;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

/**
 * One action item of the incident's post-incident review: open, in progress, done. Action items are followed up
 * whatever the incident's status, long after it closed.
 *
 * <p>Its state is a field of the incident's snapshot, hence the field access for Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class ReviewActionItem {

    @EntityId
    private String itemId;
    private ActionItemStatus status;

    ReviewActionItem() {
        // for a snapshot
    }

    ReviewActionItem(String itemId) {
        this.itemId = itemId;
        this.status = ActionItemStatus.OPEN;
    }

    void start(StartReviewActionItem command) {
        if (status != ActionItemStatus.OPEN) {
            throw CommandRefusedException.conflict("action-item-not-open", "action item " + itemId + " is " + status);
        }
        apply(new ReviewActionItemStarted(command.incidentId(), itemId));
    }

    void close(CloseReviewActionItem command) {
        if (status == ActionItemStatus.DONE) {
            throw CommandRefusedException.conflict("action-item-done", "action item " + itemId + " is already done");
        }
        Require.text("evidence", command.evidence());
        apply(new ReviewActionItemClosed(command.incidentId(), itemId, command.evidence()));
    }

    @EventSourcingHandler
    void on(ReviewActionItemStarted event) {
        status = ActionItemStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(ReviewActionItemClosed event) {
        status = ActionItemStatus.DONE;
    }

    /** Same id and status, same state: what the aggregate fixture's replay check compares. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReviewActionItem that && itemId.equals(that.itemId) && status == that.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, status);
    }
}
