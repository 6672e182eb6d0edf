package io.incidentledger.console;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.incidentledger.incident.api.FindIncidentVersion;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lets a page that the live feed told of an event wait, briefly, until the views show it. The feed reads the event
 * store, which the projections follow milliseconds later; a part fetched at once could still show the incident as it
 * was. A request names the event as {@code waitFor=<incident id>:<sequence>[:<position>]}, the position being the
 * event's place in the store (the live feed's event id); anything else is not waited for.
 *
 * <p>With a position, the wait lasts until every view this node keeps (each tracking processor but the sagas') has
 * passed it, so that a part drawn from several views (the register, the timeline, the containment steps, the
 * notifications, the obligations) shows the event in all of them. A view whose work another node holds cannot be seen
 * from here; for those, and without a position, the wait is for the incident register to have applied the event.
 * Never longer than two seconds: a stalled view delays the answer, it does not withhold it.
 */
@Component
public class LiveWait {

    private static final Pattern EVENT = Pattern.compile("([0-9a-fA-F-]{36}):(\\d{1,18})(?::(\\d{1,18}))?");
    private static final Duration LONGEST = Duration.ofSeconds(2);
    private static final long STEP_MILLIS = 20;

    private final QueryGateway queries;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    LiveWait(QueryGateway queries, ObjectProvider<EventProcessingConfiguration> processing) {
        this.queries = queries;
        this.processing = processing;
    }

    /** Waits until the views show the named event, or two seconds at most; returns at once without one. */
    public void untilShown(String waitFor) {
        if (waitFor == null) {
            return;
        }
        Matcher event = EVENT.matcher(waitFor);
        if (!event.matches()) {
            return;
        }
        IncidentId incidentId;
        try {
            incidentId = new IncidentId(UUID.fromString(event.group(1)).toString());
        } catch (IllegalArgumentException notAnId) {
            return;
        }
        long sequence = Long.parseLong(event.group(2));
        OptionalLong position = event.group(3) == null ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(event.group(3)));
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (!(registerHas(incidentId, sequence) && position.stream().allMatch(this::localViewsPassed))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean registerHas(IncidentId incidentId, long sequence) {
        Optional<Long> version = queries.query(new FindIncidentVersion(incidentId),
                ResponseTypes.optionalInstanceOf(Long.class)).join();
        return version.map(applied -> applied >= sequence).orElse(false);
    }

    /** Whether each view processor of this node has handled the store up to {@code position} in each segment it holds. */
    private boolean localViewsPassed(long position) {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return true;
        }
        Set<EventProcessor> sagas = configuration.sagaConfigurations().stream()
                .map(saga -> (EventProcessor) saga.eventProcessor()).collect(Collectors.toSet());
        return configuration.eventProcessors().values().stream()
                .filter(processor -> processor instanceof StreamingEventProcessor && !sagas.contains(processor))
                .map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> passed(processor, position));
    }

    private static boolean passed(StreamingEventProcessor processor, long position) {
        for (EventTrackerStatus segment : processor.processingStatus().values()) {
            // a segment in error waits for its retry, which is no reason to hold a page back
            OptionalLong reached = segment.getCurrentPosition();
            if (!segment.isErrorState() && (reached.isEmpty() || reached.getAsLong() < position)) {
                return false;
            }
        }
        return true;
    }
}
