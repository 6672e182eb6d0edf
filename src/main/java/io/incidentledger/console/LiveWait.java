package io.incidentledger.console;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.incidentledger.incident.api.FindIncidentVersion;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Lets a page that the live feed told of an event wait, briefly, until the views show it. The feed reads the event
 * store, which a projection follows milliseconds later; a fragment fetched at once could still show the incident as
 * it was. A request names the event as {@code waitFor=<incident id>:<sequence>}; anything else is not waited for.
 */
@Component
public class LiveWait {

    private static final Pattern EVENT = Pattern.compile("([0-9a-fA-F-]{36}):(\\d{1,18})");
    private static final Duration LONGEST = Duration.ofSeconds(2);
    private static final long STEP_MILLIS = 20;

    private final QueryGateway queries;

    LiveWait(QueryGateway queries) {
        this.queries = queries;
    }

    /** Waits until the register has applied the named event, or two seconds at most; returns at once without one. */
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
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (version(incidentId).map(version -> version < sequence).orElse(true)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Optional<Long> version(IncidentId incidentId) {
        return queries.query(new FindIncidentVersion(incidentId), ResponseTypes.optionalInstanceOf(Long.class)).join();
    }
}
