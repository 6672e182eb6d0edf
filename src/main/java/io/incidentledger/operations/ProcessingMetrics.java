package io.incidentledger.operations;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The processors' state as metrics (names as Prometheus shows them):
 * <ul>
 *     <li>{@code incident_ledger_dead_letters{processing_group}}: events parked now;</li>
 *     <li>{@code incident_ledger_dead_letters_parked_total{processing_group}}: events parked by this node since it
 *     started;</li>
 *     <li>{@code incident_ledger_processor_errors{processor}}: segments of the processor failing on this node (it
 *     retries them);</li>
 *     <li>{@code incident_ledger_processor_lag_seconds{processor}}: how long ago the oldest event the processor has
 *     not handled yet was stored, 0 when it has handled everything.</li>
 * </ul>
 * Registered once the application has started, when Axon's processors exist.
 */
class ProcessingMetrics implements ApplicationListener<ApplicationStartedEvent> {

    static final String DEAD_LETTERS = "incident.ledger.dead.letters";
    static final String PARKED = "incident.ledger.dead.letters.parked";
    static final String ERRORS = "incident.ledger.processor.errors";
    static final String LAG = "incident.ledger.processor.lag";

    private final MeterRegistry meters;
    private final DeadLetters deadLetters;
    private final ProcessorStatuses statuses;

    ProcessingMetrics(MeterRegistry meters, DeadLetters deadLetters, ProcessorStatuses statuses) {
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.statuses = statuses;
    }

    static Counter parkedCounter(MeterRegistry meters, String processingGroup) {
        return Counter.builder(PARKED).description("Events parked in the dead-letter queue by this node")
                .tag("processing.group", processingGroup).register(meters);
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        for (String group : deadLetters.processingGroups()) {
            Gauge.builder(DEAD_LETTERS, () -> statuses.status(group).map(ProcessorStatuses.Status::deadLetters)
                            .orElseGet(() -> deadLetters.countsByGroup().getOrDefault(group, 0L)))
                    .description("Events parked in the dead-letter queue").tag("processing.group", group)
                    .register(meters);
        }
        for (ProcessorStatuses.Status status : statuses.statuses()) {
            String processor = status.name();
            Gauge.builder(ERRORS, () -> statuses.status(processor).map(ProcessorStatuses.Status::segmentsInError)
                            .orElse(0))
                    .description("Segments of the processor failing on this node").tag("processor", processor)
                    .register(meters);
            TimeGauge.builder(LAG, () -> statuses.status(processor).map(current -> current.lag().toMillis())
                            .orElse(0L), TimeUnit.MILLISECONDS)
                    .description("Age of the oldest event the processor has not handled yet")
                    .tag("processor", processor).register(meters);
        }
    }
}
