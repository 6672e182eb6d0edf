package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.incidentledger.config.DeadlineTestDatabase.Node;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the persistent deadline manager promises, on a real database: a deadline survives a restart, fires once
 * however many nodes poll, stays cancelled, is stored only if the transaction that scheduled it commits, runs at
 * once when it is already due, reaches an aggregate with a typed identifier, is retried when its handler fails, and
 * can be cancelled too late without failing the canceller.
 * Each test has a database of its own; a "node" is a connection pool with its own scheduler and deadline manager.
 */
abstract class DeadlineSchedulingContract {

    private static final Duration POLLING = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofMillis(500);
    /** How long a test keeps watching for a second delivery that must not come: several polls of every node. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration FIRING = Duration.ofSeconds(10);

    private static final String SAGA_TYPE = "AcknowledgementTestSaga";
    private static final String AGGREGATE_TYPE = "Incident";
    private static final String ACKNOWLEDGE = "acknowledge";
    private static final String ESCALATE = "escalate";

    private final Deliveries deliveries = new Deliveries();
    private final List<Node> nodes = new ArrayList<>();
    private DeadlineTestDatabase database;

    abstract DeadlineTestDatabase createDatabase();

    @BeforeEach
    void createTheDatabase() {
        database = createDatabase();
    }

    @AfterEach
    void stopNodesAndDropTheDatabase() {
        nodes.forEach(Node::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aDeadlineScheduledBeforeARestartFiresAfterItExactlyOnce() throws InterruptedException {
        Node beforeRestart = start("before");
        Instant due = Instant.now().plusSeconds(3);
        beforeRestart.deadlineManager().schedule(due, ACKNOWLEDGE, new AcknowledgementDue("INC-1"),
                sagaScope("saga-1"));
        beforeRestart.close();

        sleepUntil(due.plusMillis(500));
        assertThat(deliveries.all).as("delivered while no node ran").isEmpty();
        assertThat(database.scheduledDeadlines()).isEqualTo(1);

        start("after");

        await().atMost(FIRING).until(() -> !deliveries.all.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.all).containsExactly(
                new Delivery("after", ACKNOWLEDGE, "saga-1", new AcknowledgementDue("INC-1")));
        assertThat(database.scheduledDeadlines()).isZero();
    }

    @Test
    void aPausedNodeRunsNoDeadlineUntilItResumes() {
        Node node = start("paused");
        node.scheduling().pause();
        node.deadlineManager().schedule(Instant.now().plusMillis(300), ACKNOWLEDGE, new AcknowledgementDue("INC-p"),
                sagaScope("saga-p"));

        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.isEmpty());
        node.scheduling().resume();

        await().atMost(FIRING).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.all).extracting(Delivery::payload).containsExactly(new AcknowledgementDue("INC-p"));
    }

    @Test
    void twoNodesOnOneDatabaseFireEachDeadlineExactlyOnce() {
        Node first = start("first");
        Node second = start("second");
        Instant due = Instant.now().plusSeconds(1);
        List<AcknowledgementDue> scheduled = IntStream.range(0, 20)
                .mapToObj(i -> new AcknowledgementDue("INC-" + i))
                .toList();
        for (int i = 0; i < scheduled.size(); i++) {
            Node node = i % 2 == 0 ? first : second;
            node.deadlineManager().schedule(due.plusMillis(i * 20L), ACKNOWLEDGE, scheduled.get(i),
                    sagaScope("saga-" + i));
        }

        await().atMost(FIRING).until(() -> deliveries.all.size() >= scheduled.size());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.size() == scheduled.size());
        assertThat(deliveries.all).extracting(Delivery::payload).containsExactlyInAnyOrderElementsOf(scheduled);
        assertThat(deliveries.all).extracting(Delivery::node).isSubsetOf("first", "second");
        assertThat(database.scheduledDeadlines()).isZero();
    }

    @Test
    void aDeadlineANodeWasRunningWhenItDiedRunsAtOnceWhenTheNodeRestartsUnderItsIdentity() throws SQLException {
        Node crashed = start("node-a");
        crashed.deadlineManager().schedule(Instant.now().plusSeconds(60), ACKNOWLEDGE,
                new AcknowledgementDue("INC-k"), sagaScope("saga-k"));
        crashed.close();
        // as kill -9 leaves it: due, picked by node-a, its heartbeat fresh (db-scheduler waits 4 x 5 s for it)
        markRunningOn("node-a");

        start("node-b");
        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> deliveries.all.isEmpty());
        start("node-a");

        await().atMost(Duration.ofSeconds(3)).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.all).extracting(Delivery::payload).containsExactly(new AcknowledgementDue("INC-k"));
    }

    @Test
    void aCancelledDeadlineNeverFiresNotEvenAfterARestart() {
        Node beforeRestart = start("before");
        Instant due = Instant.now().plusSeconds(2);
        String cancelledById = beforeRestart.deadlineManager().schedule(due, ACKNOWLEDGE,
                new AcknowledgementDue("INC-1"), sagaScope("saga-1"));
        beforeRestart.deadlineManager().schedule(due, ESCALATE, new AcknowledgementDue("INC-2"),
                sagaScope("saga-2"));
        beforeRestart.deadlineManager().schedule(due, ACKNOWLEDGE, new AcknowledgementDue("INC-3"),
                sagaScope("saga-3"));
        beforeRestart.deadlineManager().cancelSchedule(ACKNOWLEDGE, cancelledById);
        beforeRestart.deadlineManager().cancelAllWithinScope(ESCALATE, sagaScope("saga-2"));
        beforeRestart.close();

        start("after");

        // the one left standing fires, so the cancelled ones were due as well
        await().atMost(FIRING).until(() -> !deliveries.all.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.all).extracting(Delivery::payload).containsExactly(new AcknowledgementDue("INC-3"));
        assertThat(database.scheduledDeadlines()).isZero();
    }

    @Test
    void aDeadlineScheduledByAUnitOfWorkThatRollsBackIsNeverStored() {
        Node node = start("node");

        UnitOfWork<?> refused = DefaultUnitOfWork.startAndGet(null);
        refused.attachTransaction(node.transactions());
        node.deadlineManager().schedule(Instant.now(), ACKNOWLEDGE, new AcknowledgementDue("INC-refused"),
                sagaScope("saga-1"));
        // a later step of the same unit of work fails after the deadline manager wrote its row
        refused.onPrepareCommit(unitOfWork -> {
            throw new IllegalStateException("refused after scheduling");
        });
        assertThatThrownBy(refused::commit).hasMessage("refused after scheduling");

        UnitOfWork<?> accepted = DefaultUnitOfWork.startAndGet(null);
        accepted.attachTransaction(node.transactions());
        node.deadlineManager().schedule(Instant.now(), ACKNOWLEDGE, new AcknowledgementDue("INC-accepted"),
                sagaScope("saga-2"));
        accepted.commit();

        await().atMost(FIRING).until(() -> !deliveries.all.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.all).extracting(Delivery::payload)
                .containsExactly(new AcknowledgementDue("INC-accepted"));
        assertThat(database.scheduledDeadlines()).isZero();
    }

    @Test
    void aDeadlineThatIsAlreadyDueRunsWithoutWaitingForTheNextPoll() {
        // after its first look at start-up, this node would not look again for a minute
        Node node = start("node", DeadlineTestDatabase.settings(Duration.ofMinutes(1), RETRY));
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);

        node.deadlineManager().schedule(Instant.now(), ACKNOWLEDGE, new AcknowledgementDue("INC-outside"),
                sagaScope("saga-1"));
        await().atMost(Duration.ofSeconds(3)).until(() -> deliveries.all.size() == 1);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(node.transactions());
        node.deadlineManager().schedule(Instant.now(), ACKNOWLEDGE, new AcknowledgementDue("INC-inside"),
                sagaScope("saga-2"));
        unitOfWork.commit();
        await().atMost(Duration.ofSeconds(3)).until(() -> deliveries.all.size() == 2);

        assertThat(deliveries.all).extracting(Delivery::payload).containsExactly(
                new AcknowledgementDue("INC-outside"), new AcknowledgementDue("INC-inside"));
    }

    @Test
    void anAggregatesDeadlineReachesItByTheTextOfItsTypedIdentifier() {
        Node node = start("node");
        IncidentId incident = IncidentId.of(UUID.randomUUID());
        IncidentId cancelled = IncidentId.of(UUID.randomUUID());
        Instant due = Instant.now().plusSeconds(1);
        // as AggregateLifecycle describes an aggregate whose @AggregateIdentifier is an IncidentId
        node.deadlineManager().schedule(due, ESCALATE, new AcknowledgementDue("INC-1"),
                new AggregateScopeDescriptor(AGGREGATE_TYPE, () -> incident));
        node.deadlineManager().schedule(due, ESCALATE, new AcknowledgementDue("INC-2"),
                new AggregateScopeDescriptor(AGGREGATE_TYPE, () -> cancelled));
        node.deadlineManager().cancelAllWithinScope(ESCALATE,
                new AggregateScopeDescriptor(AGGREGATE_TYPE, () -> cancelled));

        await().atMost(FIRING).until(() -> !deliveries.all.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.all).containsExactly(
                new Delivery("node", ESCALATE, incident.toString(), new AcknowledgementDue("INC-1")));
    }

    @Test
    void aDeadlineWhoseHandlerFailsStaysScheduledAndIsTriedAgain() {
        deliveries.failuresToCome.set(1);
        Node node = start("node", DeadlineTestDatabase.settings(POLLING, Duration.ofSeconds(2)));

        node.deadlineManager().schedule(Instant.now(), ACKNOWLEDGE, new AcknowledgementDue("INC-1"),
                sagaScope("saga-1"));

        await().atMost(FIRING).until(() -> deliveries.attempts.get() == 1);
        await().atMost(FIRING).until(() -> consecutiveFailures() == 1);
        assertThat(deliveries.all).isEmpty();

        await().atMost(FIRING).until(() -> deliveries.all.size() == 1);
        assertThat(deliveries.attempts).hasValue(2);
        await().atMost(FIRING).until(() -> database.scheduledDeadlines() == 0);
    }

    @Test
    void cancellingADeadlineWhileItRunsIsTooLateAndFailsNothing() throws Exception {
        CountDownLatch handlerMayFinish = new CountDownLatch(1);
        deliveries.hold.set(handlerMayFinish);
        Node node = start("node");
        String running = node.deadlineManager().schedule(Instant.now(), ACKNOWLEDGE,
                new AcknowledgementDue("INC-1"), sagaScope("saga-1"));
        await().atMost(FIRING).until(() -> deliveries.attempts.get() == 1);

        // e.g. a saga handling the acknowledgement the moment its deadline fires on another node
        UnitOfWork<?> acknowledgement = DefaultUnitOfWork.startAndGet(null);
        acknowledgement.attachTransaction(node.transactions());
        node.deadlineManager().cancelSchedule(ACKNOWLEDGE, running);
        node.deadlineManager().cancelAllWithinScope(ACKNOWLEDGE, sagaScope("saga-1"));
        acknowledgement.commit();
        handlerMayFinish.countDown();

        await().atMost(FIRING).until(() -> !deliveries.all.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> deliveries.all.size() == 1);
        await().atMost(FIRING).until(() -> database.scheduledDeadlines() == 0);
    }

    private Node start(String name) {
        return start(name, DeadlineTestDatabase.settings(POLLING, RETRY));
    }

    private Node start(String name, DeadlineProperties settings) {
        Node node = database.startNode(name, settings, deliveries.on(name));
        nodes.add(node);
        return node;
    }

    private void markRunningOn(String nodeName) throws SQLException {
        Instant now = Instant.now();
        try (HikariDataSource dataSource = database.open();
             Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE scheduled_tasks SET picked = TRUE, "
                     + "picked_by = ?, last_heartbeat = ?, execution_time = ?, version = version + 1")) {
            statement.setString(1, nodeName);
            statement.setObject(2, now.atOffset(ZoneOffset.UTC));
            statement.setObject(3, now.minusSeconds(1).atOffset(ZoneOffset.UTC));
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private int consecutiveFailures() throws SQLException {
        Node node = nodes.get(0);
        try (Connection connection = node.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT consecutive_failures FROM scheduled_tasks")) {
            return rows.next() ? rows.getInt(1) : -1;
        }
    }

    private static SagaScopeDescriptor sagaScope(String sagaId) {
        return new SagaScopeDescriptor(SAGA_TYPE, sagaId);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), instant);
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }

    /** A deadline payload as a saga would schedule one: a record, serialized by Axon's Jackson serializer. */
    record AcknowledgementDue(String incidentId) {
    }

    record Delivery(String node, String deadlineName, Object scopeIdentifier, Object payload) {
    }

    /**
     * Stands in for Axon's sagas and aggregates: takes the test saga type and the Incident aggregate, and records
     * each delivery with the node it reached. Fails the first {@code failuresToCome} attempts; while {@code hold}
     * is set, each attempt waits for it.
     */
    private static final class Deliveries {

        final Queue<Delivery> all = new ConcurrentLinkedQueue<>();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failuresToCome = new AtomicInteger();
        final AtomicReference<CountDownLatch> hold = new AtomicReference<>();

        ScopeAwareProvider on(String node) {
            ScopeAware handler = new ScopeAware() {
                @Override
                public void send(Message<?> message, ScopeDescriptor scope) throws InterruptedException {
                    attempts.incrementAndGet();
                    CountDownLatch mayFinish = hold.get();
                    if (mayFinish != null && !mayFinish.await(FIRING.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("the test never let the handler finish");
                    }
                    if (failuresToCome.getAndDecrement() > 0) {
                        throw new IllegalStateException("the deadline handler failed");
                    }
                    Object identifier = scope instanceof SagaScopeDescriptor saga ? saga.getIdentifier()
                            : ((AggregateScopeDescriptor) scope).getIdentifier();
                    all.add(new Delivery(node, ((DeadlineMessage<?>) message).getDeadlineName(), identifier,
                            message.getPayload()));
                }

                @Override
                public boolean canResolve(ScopeDescriptor scope) {
                    return scope instanceof SagaScopeDescriptor saga && SAGA_TYPE.equals(saga.getType())
                            || scope instanceof AggregateScopeDescriptor aggregate
                            && AGGREGATE_TYPE.equals(aggregate.getType());
                }
            };
            return scope -> Stream.of(handler);
        }
    }
}
