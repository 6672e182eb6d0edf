package benchmarks;

import java.util.UUID;

import benchmarks.baseline.Counter;
import benchmarks.harness.LatencyRecorder;
import benchmarks.harness.Workload;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/** Baseline unit: create a {@link Counter}, then increment it ten times: eleven commands, eleven tiny events. */
public final class CounterWorkload implements Workload {

    static final int INCREMENTS = 10;

    private final CommandGateway gateway;
    private final MetaData actor;

    public CounterWorkload(CommandGateway gateway, MetaData actor) {
        this.gateway = gateway;
        this.actor = actor;
    }

    @Override
    public String name() {
        return "trivial-counter";
    }

    @Override
    public String description() {
        return "baseline: create a trivial Axon aggregate, then " + INCREMENTS + " increments, one tiny event each";
    }

    @Override
    public int commandsPerUnit() {
        return 1 + INCREMENTS;
    }

    @Override
    public void runUnit(long unit, LatencyRecorder recorder) throws Exception {
        String id = UUID.randomUUID().toString();
        send(recorder, new Counter.CreateCounter(id));
        for (int i = 0; i < INCREMENTS; i++) {
            send(recorder, new Counter.IncrementCounter(id));
        }
    }

    private void send(LatencyRecorder recorder, Object command) throws Exception {
        recorder.time(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor)));
    }
}
