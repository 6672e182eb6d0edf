package io.incidentledger.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The processors on the health endpoint: two components, see {@code docs/operations.md}, "Actuator endpoints". */
final class ProcessingHealth {

    private ProcessingHealth() {
    }

    /**
     * {@code eventProcessors}, part of the readiness group: OUT_OF_SERVICE after the node starts until every processor
     * runs, is not behind and has handled every event stored before the node started (after a crash: until the dead
     * run's claims are taken back and the backlog is handled), UP from then on. Lag, replays and errors that come
     * later are the cluster's, not this node's (every node reads the same views): they show in the details, the admin
     * listing and the metrics, and do not take every node out of service at once. Details name each processor's
     * current state.
     */
    static HealthIndicator processors(ProcessorStatuses statuses) {
        long headAtStart = statuses.head();
        AtomicBoolean caughtUpSinceStart = new AtomicBoolean();
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
            if (all.stream().allMatch(status -> status.ready() && status.position() >= headAtStart)) {
                caughtUpSinceStart.set(true);
            }
            return (caughtUpSinceStart.get() ? Health.up() : Health.outOfService())
                    .withDetail("caughtUpSinceStart", caughtUpSinceStart.get()).withDetails(details).build();
        };
    }

    /**
     * {@code processorErrors}, not part of readiness (for the reason of {@link #processors}): DOWN while a processor
     * has been failing on an event for longer than {@code max-lag}, a saga stuck on one above all (a projection parks
     * its event sooner), so that monitoring sees it; details name the processors and their errors.
     */
    static HealthIndicator processorErrors(ProcessorStatuses statuses) {
        return () -> {
            Map<String, Object> failing = new LinkedHashMap<>();
            for (ProcessorStatuses.Status status : statuses.statuses()) {
                if (status.inError() && !status.ready()) {
                    failing.put(status.name(), status.error() == null ? "failing" : status.error());
                }
            }
            return (failing.isEmpty() ? Health.up() : Health.down()).withDetails(failing).build();
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
