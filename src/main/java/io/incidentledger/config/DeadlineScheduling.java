package io.incidentledger.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.incidentledger.common.Databases;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One node's part of the persistent deadlines: a db-scheduler {@link Scheduler} polling the {@code scheduled_tasks}
 * table, and the Axon deadline manager that writes deadlines there and delivers those that fall due. Every node
 * polls the same table; a due deadline is taken by one node only (an optimistic update of its row), and its row is
 * deleted once its handler has run. {@link DeadlineConfiguration} makes the application's instance; tests make
 * several to play several nodes or a restart.
 */
public final class DeadlineScheduling {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduling.class);

    private final Scheduler scheduler;
    private final PersistentDeadlineManager deadlineManager;
    private final DataSource dataSource;
    private final NodeIdentity node;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private DeadlineScheduling(Scheduler scheduler, PersistentDeadlineManager deadlineManager, DataSource dataSource,
                               NodeIdentity node) {
        this.scheduler = scheduler;
        this.deadlineManager = deadlineManager;
        this.dataSource = dataSource;
        this.node = node;
    }

    /**
     * A node's scheduler and deadline manager, not yet polling (see {@link #start()}).
     *
     * @param dataSource         the database holding {@code scheduled_tasks}, the same one Spring's transactions use
     * @param settings           polling, threads, heartbeats, retries
     * @param node               this node's identity: the scheduler's name, written on the deadlines it runs
     * @param serializer         Axon's serializer, for the deadline's payload, metadata and scope
     * @param scopes             where a due deadline is delivered: Axon's sagas and aggregates
     * @param transactionManager the transaction each deadline handler runs in
     */
    public static DeadlineScheduling create(DataSource dataSource, DeadlineProperties settings, NodeIdentity node,
                                            Serializer serializer, ScopeAwareProvider scopes,
                                            TransactionManager transactionManager) {
        DbSchedulerDeadlineManagerSupplier managerOfTask = new DbSchedulerDeadlineManagerSupplier();
        Task<DbSchedulerHumanReadableDeadlineDetails> task = deadlineTask(managerOfTask,
                settings.failureRetryInterval());
        // a deadline scheduled inside a transaction is written by that transaction: a rollback leaves no deadline
        Scheduler scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(task))
                .jdbcCustomization(jdbcCustomization(dataSource))
                .schedulerName(new SchedulerName.Fixed(node.id()))
                // the stored row is readable JSON; Axon's serializer has already written payload and scope as JSON
                .serializer(new JacksonSerializer())
                .pollingInterval(settings.pollingInterval())
                .threads(settings.threads())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .shutdownMaxWait(settings.shutdownMaxWait())
                .build();
        scheduler.registerSchedulerListener(new RunDueDeadlineAfterCommit(scheduler));
        DbSchedulerDeadlineManager.Builder axonManager = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(scopes)
                .serializer(serializer)
                .transactionManager(transactionManager)
                .useBinaryPojo(false)
                // this class starts and stops the scheduler, not Axon's lifecycle
                .startScheduler(false)
                .stopScheduler(false);
        PersistentDeadlineManager deadlineManager = new PersistentDeadlineManager(axonManager, scheduler, serializer,
                task.getName());
        managerOfTask.set(deadlineManager);
        return new DeadlineScheduling(scheduler, deadlineManager, dataSource, node);
    }

    /** Where sagas and aggregates schedule and cancel their deadlines. */
    public PersistentDeadlineManager deadlineManager() {
        return deadlineManager;
    }

    /**
     * Starts polling for due deadlines; once only. Deadlines still marked as running under this node's identity were
     * left by its previous run, which died while running them (no two live nodes share an identity): they are freed
     * to run at once, where db-scheduler would wait for their heartbeats to go stale.
     */
    public void start() {
        if (!stopped.get() && started.compareAndSet(false, true)) {
            releaseDeadlinesOfPreviousRun();
            scheduler.start();
        }
    }

    private void releaseDeadlinesOfPreviousRun() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement("""
                     UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL,
                         version = version + 1
                     WHERE picked = TRUE AND picked_by = ?""")) {
            release.setString(1, node.id());
            int released = release.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (released > 0) {
                log.warn("{} deadline(s) were running on this node ({}) when it last stopped without finishing them; "
                        + "they run again now", released, node.id());
            }
        } catch (SQLException e) {
            // they still run: db-scheduler's own check takes them over once their heartbeats are stale
            log.warn("Could not free the deadlines this node's previous run left running", e);
        }
    }

    /**
     * Stops polling and waits, up to the configured time, for the deadlines this node is running. A deadline still
     * running after that is taken over by another node (or this one after a restart) when its heartbeat stops.
     */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            scheduler.stop();
        }
    }

    /**
     * Stops taking due deadlines while the application is paused or stopped (its command bus and sagas are not
     * taking deliveries then); other nodes, or this one once resumed, take them.
     */
    public void pause() {
        if (started.get() && !stopped.get()) {
            scheduler.pause();
        }
    }

    /** Takes due deadlines again after {@link #pause()}. */
    public void resume() {
        if (started.get() && !stopped.get()) {
            scheduler.resume();
        }
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Axon's task, retried after the configured interval when the handler fails (db-scheduler's default is five
     * minutes): a failing deadline stays in the table, visible, and is never dropped.
     */
    private static Task<DbSchedulerHumanReadableDeadlineDetails> deadlineTask(
            Supplier<DbSchedulerDeadlineManager> deadlineManager, Duration retryInterval) {
        Task<DbSchedulerHumanReadableDeadlineDetails> axonTask = DbSchedulerDeadlineManager.humanReadableTask(
                deadlineManager);
        return Tasks.oneTime(axonTask.getName(), DbSchedulerHumanReadableDeadlineDetails.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(retryInterval))
                .execute(axonTask::execute);
    }

    /** Named explicitly, because db-scheduler's detection warns about every database it has no special case for. */
    private static JdbcCustomization jdbcCustomization(DataSource dataSource) {
        // the time columns are TIMESTAMP WITH TIME ZONE: an instant is stored as itself, in any zone
        return Databases.isPostgres(dataSource) ? new PostgreSqlJdbcCustomization(false, false)
                : new DefaultJdbcCustomization(false);
    }

    /**
     * Runs a deadline that is already due without waiting for the next poll. Scheduled inside a transaction, the row
     * is visible to the poller only after the commit, so the poller is woken then (db-scheduler's own immediate
     * execution wakes it at once, before the commit, and finds nothing).
     */
    private static final class RunDueDeadlineAfterCommit extends AbstractSchedulerListener {

        private final Scheduler scheduler;

        RunDueDeadlineAfterCommit(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
            SchedulerState state = scheduler.getSchedulerState();
            if (!state.isStarted() || state.isShuttingDown() || executionTime.isAfter(Instant.now())) {
                return;
            }
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        scheduler.triggerCheckForDueExecutions();
                    }
                });
            } else {
                scheduler.triggerCheckForDueExecutions();
            }
        }
    }
}
