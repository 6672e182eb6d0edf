package benchmarks.ledger;

import java.util.UUID;

import benchmarks.baseline.Counter;
import benchmarks.harness.LatencyRecorder;
import benchmarks.harness.Workload;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;

/**
 * Engine-level unit: eleven single-event appends to one new aggregate (sequence 0 to 10, the trivial counter's
 * events and the bench actor's metadata), each in its own transaction, straight into an {@link EventStorageEngine}:
 * no command bus, no aggregate loading, no event processors. Timed per append.
 */
final class EngineAppendWorkload implements Workload {

    static final int EVENTS_PER_UNIT = 11;

    private final String name;
    private final String description;
    private final EventStorageEngine engine;
    private final TransactionManager transactions;
    private final MetaData actor;

    EngineAppendWorkload(String name, String description, EventStorageEngine engine,
                         TransactionManager transactions, MetaData actor) {
        this.name = name;
        this.description = description;
        this.engine = engine;
        this.transactions = transactions;
        this.actor = actor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int commandsPerUnit() {
        return EVENTS_PER_UNIT;
    }

    @Override
    public void runUnit(long unit, LatencyRecorder recorder) throws Exception {
        String id = UUID.randomUUID().toString();
        for (int sequence = 0; sequence < EVENTS_PER_UNIT; sequence++) {
            Object payload = sequence == 0 ? new Counter.CounterCreated(id) : new Counter.CounterIncremented(id);
            GenericDomainEventMessage<Object> event =
                    new GenericDomainEventMessage<>("Counter", id, sequence, payload, actor);
            recorder.time(() -> {
                transactions.executeInTransaction(() -> engine.appendEvents(event));
                return null;
            });
        }
    }
}
