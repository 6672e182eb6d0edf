package io.incidentledger.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The processors on the health endpoint: two components, see {@code docs/operations.md}, "Actuator endpoints". */
final class ProcessingHealth {

    private ProcessingHealth() {
    }

    /**
     * {@code eventProcessors}, part of the readiness group: OUT_OF_SERVICE while a processor is behind, replaying,
     * stopped, or failing for longer than {@code max-lag}, so that a node whose views are not current takes no
     * traffic (after a crash, during a replay). Details name each processor's state.
     */
    static HealthIndicator processors(ProcessorStatuses statuses) {
        return () -> {
            List<ProcessorStatuses.Status> all = statuses.statuses();
            Map<String, Object> details = new LinkedHashMap<>();
            for (ProcessorStatuses.Status status : all) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("state", status.state());
                detail.put("ready", status.ready());
                detail.put("lag", status.lag().toString());
                detail.put("position", status.position());
                detail.put("segments", status.segments());
                detail.put("segmentsHere", status.segmentsHere());
                if (status.error() != null) {
                    detail.put("error", status.error());
                }
                details.put(status.name(), detail);
            }
            boolean ready = all.stream().allMatch(ProcessorStatuses.Status::ready);
            return (ready ? Health.up() : Health.outOfService()).withDetails(details).build();
        };
    }

    /**
     * {@code deadLetters}, not part of readiness (every node shares the queue; taking them all out of service for a
     * parked event would stop the API as well): DOWN while any event is parked, so that monitoring sees it.
     */
    static HealthIndicator deadLetters(DeadLetters deadLetters) {
        return () -> {
            Map<String, Long> counts = deadLetters.countsByGroup();
            long parked = counts.values().stream().mapToLong(Long::longValue).sum();
            return (parked == 0 ? Health.up() : Health.down()).withDetail("parked", parked)
                    .withDetail("byProcessingGroup", counts).build();
        };
    }
}
