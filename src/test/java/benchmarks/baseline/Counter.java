package benchmarks.baseline;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The benchmark baseline: the most trivial event-sourced Axon aggregate, with the same store, serializer, command bus
 * and interceptors as the application, but no rules and one tiny event per command.
 */
@Aggregate
public class Counter {

    public record CreateCounter(@TargetAggregateIdentifier String counterId) {
    }

    public record IncrementCounter(@TargetAggregateIdentifier String counterId) {
    }

    public record CounterCreated(String counterId) {
    }

    public record CounterIncremented(String counterId) {
    }

    @AggregateIdentifier
    private String counterId;
    private long value;

    protected Counter() {
        // rebuilt from its events
    }

    @CommandHandler
    Counter(CreateCounter command) {
        apply(new CounterCreated(command.counterId()));
    }

    @CommandHandler
    void handle(IncrementCounter command) {
        apply(new CounterIncremented(counterId));
    }

    @EventSourcingHandler
    void on(CounterCreated event) {
        counterId = event.counterId();
    }

    @EventSourcingHandler
    void on(CounterIncremented event) {
        value++;
    }
}
