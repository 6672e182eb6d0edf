package io.incidentledger.config;

import java.time.Instant;
import java.util.function.Predicate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager with two changes.
 *
 * <p>An aggregate's scope is stored with its identifier as text. The stored scope is JSON, and JSON does not say
 * which class an identifier was: a typed identifier such as {@code IncidentId} would be read back as a map, and the
 * repository, which loads the aggregate by the identifier's {@code toString()}, would not find it. Axon only ever
 * uses that {@code toString()}, so storing it instead loses nothing. Saga scopes already carry a text identifier.
 *
 * <p>Cancelling a deadline that another node is running at that moment is too late, like cancelling one that has
 * already run, and is ignored in the same way; Axon's manager would fail the unit of work that cancels (the saga's
 * event handling) until the running deadline is done.
 */
public class PersistentDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(PersistentDeadlineManager.class);

    private final Scheduler scheduler;
    private final Serializer serializer;
    private final String taskName;

    PersistentDeadlineManager(Builder builder, Scheduler scheduler, Serializer serializer, String taskName) {
        super(builder);
        this.scheduler = scheduler;
        this.serializer = serializer;
        this.taskName = taskName;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        return super.schedule(triggerDateTime, deadlineName, messageOrPayload, storable(deadlineScope));
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> cancel(new DbSchedulerDeadlineToken(scheduleId)));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> cancelScheduled(details -> deadlineName.equals(details.getDeadlineName())));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        runOnPrepareCommitOrNow(() -> {
            // compared as stored: serialized the way it was when the deadline was scheduled
            String storedScope = serializer.serialize(storable(scope), String.class).getData();
            cancelScheduled(details -> deadlineName.equals(details.getDeadlineName())
                    && storedScope.equals(details.getScopeDescriptor()));
        });
    }

    static ScopeDescriptor storable(ScopeDescriptor scope) {
        if (scope instanceof AggregateScopeDescriptor aggregate) {
            // asked only when the deadline is written: an aggregate scheduling from its constructor has no
            // identifier before that
            return new AggregateScopeDescriptor(aggregate.getType(), () -> {
                Object identifier = aggregate.getIdentifier();
                return identifier == null ? null : identifier.toString();
            });
        }
        return scope;
    }

    private void cancelScheduled(Predicate<DbSchedulerHumanReadableDeadlineDetails> matches) {
        scheduler.fetchScheduledExecutionsForTask(taskName, DbSchedulerHumanReadableDeadlineDetails.class,
                execution -> {
                    if (matches.test(execution.getData())) {
                        cancel(execution.getTaskInstance());
                    }
                });
    }

    private void cancel(TaskInstanceId deadline) {
        try {
            scheduler.cancel(deadline);
        } catch (TaskInstanceNotFoundException e) {
            log.debug("Deadline {} was not cancelled: it has already run or been cancelled", deadline.getId());
        } catch (TaskInstanceCurrentlyExecutingException e) {
            log.debug("Deadline {} was not cancelled: it is running now", deadline.getId());
        }
    }
}
