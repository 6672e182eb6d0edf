package io.incidentledger.operations;

import java.util.List;
import java.util.Map;

import io.incidentledger.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators: the event processors' state, the events parked in the dead-letter queues, and retrying them
 * once the cause is fixed (docs/api.md, "Administration"; ADMIN only).
 */
@Tag(name = "Operations", description = "Event processors and the events they parked")
@RestController
class ProcessingAdminController {

    /** More than anyone reads in one answer; {@code parked} still gives the full count. */
    static final int LIST_LIMIT = 1000;

    private final DeadLetters deadLetters;
    private final ProcessorStatuses statuses;

    ProcessingAdminController(DeadLetters deadLetters, ProcessorStatuses statuses) {
        this.deadLetters = deadLetters;
        this.statuses = statuses;
    }

    /** The parked events, and how many each processing group holds. */
    record DeadLettersView(long parked, Map<String, Long> byProcessingGroup, List<DeadLetters.Parked> deadLetters) {
    }

    /** What a retry did, per processing group or for all of them. */
    record RetryView(String processingGroup, int sequencesRetried, int sequencesCleared, long stillParked) {

        static RetryView of(String processingGroup, DeadLetters.RetryOutcome outcome) {
            return new RetryView(processingGroup, outcome.sequencesRetried(), outcome.sequencesCleared(),
                    outcome.stillParked());
        }
    }

    /** One processor's state (see {@link ProcessorStatuses.Status#state()}). */
    record ProcessorView(String name, String state, String lag, long position, int segments, int segmentsHere,
                         int segmentsInError, String error, long deadLetters) {

        static ProcessorView of(ProcessorStatuses.Status status) {
            return new ProcessorView(status.name(), status.state(), status.lag().toString(), status.position(),
                    status.segments(), status.segmentsHere(), status.segmentsInError(), status.error(),
                    status.deadLetters());
        }
    }

    @Operation(summary = "Count parked events", description = "By processing group.")
    @GetMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    DeadLettersView deadLetters() {
        Map<String, Long> counts = deadLetters.countsByGroup();
        return new DeadLettersView(counts.values().stream().mapToLong(Long::longValue).sum(), counts,
                deadLetters.list(LIST_LIMIT));
    }

    @Operation(summary = "Retry all parked events")
    @PostMapping(path = "/api/admin/dead-letters/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    RetryView retryAll() {
        return RetryView.of(null, deadLetters.retryAll());
    }

    @Operation(summary = "Retry one processing group's parked events")
    @PostMapping(path = "/api/admin/dead-letters/{processingGroup}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    RetryView retry(@PathVariable String processingGroup) {
        if (!deadLetters.processingGroups().contains(processingGroup)) {
            throw new NotFoundException("processing-group-not-found",
                    "no processing group with a dead-letter queue has this name");
        }
        return RetryView.of(processingGroup, deadLetters.retry(processingGroup));
    }

    @Operation(summary = "List event processors", description = "Their position, lag and failures.")
    @GetMapping(path = "/api/admin/event-processors", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ProcessorView> processors() {
        return statuses.statuses().stream().map(ProcessorView::of).toList();
    }
}
