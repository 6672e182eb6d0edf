package io.incidentledger.detection.correlation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.DetectionProperties;
import io.incidentledger.detection.api.AttachDetection;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.OpenIncidentFromDetection;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Turns a detection into an incident or a fact on the open one for the same correlation key, race-free across
 * threads and nodes: the candidate incidents' ids are derived from the key, the time window and a generation
 * number, so concurrent duplicates compute the same ids and the store's uniqueness rule lets exactly one of them
 * open the incident; the others attach to it (or are recognised as the same alert and not counted twice).
 *
 * <p>The order tried: the previous window's incidents (so that a storm crossing a window boundary stays one
 * incident) while they exist, then this window's. A generation that is closed, resolved or dismissed is skipped.
 */
@Component
public class DetectionCorrelator {

    static final int MAX_GENERATIONS = 100;
    static final int MAX_CONCURRENT_RETRIES = 20;

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final long windowMillis;

    public DetectionCorrelator(CommandGateway commands, EventStore eventStore, DetectionProperties properties) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.windowMillis = properties.correlationWindow().toMillis();
    }

    /** The incident the detection belongs to, and what became of it. */
    public record Correlation(IncidentId incidentId, DetectionOutcome outcome) {
    }

    public Correlation correlate(Detection detection, String title) {
        long window = Math.floorDiv(detection.receivedAt().toEpochMilli(), windowMillis);
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            IncidentId previous = incidentId(detection.correlationKey(), window - 1, generation);
            Attempt attempt = attach(previous, detection);
            if (attempt.outcome() != null) {
                return new Correlation(previous, attempt.outcome());
            }
            if (attempt == Attempt.ABSENT) {
                break;
            }
        }
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            IncidentId current = incidentId(detection.correlationKey(), window, generation);
            Attempt attempt = attach(current, detection);
            if (attempt.outcome() != null) {
                return new Correlation(current, attempt.outcome());
            }
            if (attempt == Attempt.ABSENT) {
                try {
                    commands.sendAndWait(new OpenIncidentFromDetection(current, title, detection));
                    return new Correlation(current, DetectionOutcome.OPENED);
                } catch (AggregateStreamCreationException openedConcurrently) {
                    Attempt again = attach(current, detection);
                    if (again.outcome() != null) {
                        return new Correlation(current, again.outcome());
                    }
                }
            }
        }
        throw new IllegalStateException("no open incident for correlation key " + detection.correlationKey()
                + " after " + MAX_GENERATIONS + " generations");
    }

    /** The id of the incident of a correlation key in a window, in a generation. */
    static IncidentId incidentId(String correlationKey, long window, int generation) {
        String name = "incident-ledger:detection:" + correlationKey.length() + ":" + correlationKey + ":" + window
                + ":" + generation;
        return IncidentId.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Attaches, retrying when another node appended to the incident at the same moment (the store's sequence
     * check), which an alert storm delivered to several nodes makes common: the detector should not have to.
     */
    private Attempt attach(IncidentId incidentId, Detection detection) {
        // most candidates do not exist: ask the store (one indexed read) instead of failing a command
        if (eventStore.lastSequenceNumberFor(incidentId.value()).isEmpty()) {
            return Attempt.ABSENT;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                DetectionOutcome outcome = commands.sendAndWait(new AttachDetection(incidentId, detection));
                return outcome == DetectionOutcome.DUPLICATE ? Attempt.DUPLICATE : Attempt.ATTACHED;
            } catch (AggregateNotFoundException absent) {
                return Attempt.ABSENT;
            } catch (CommandRefusedException refused) {
                if ("incident-not-open".equals(refused.code())) {
                    return Attempt.NOT_OPEN;
                }
                throw refused;
            } catch (ConcurrencyException concurrentAppend) {
                if (attempt >= MAX_CONCURRENT_RETRIES) {
                    throw concurrentAppend;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a detection", e);
        }
    }

    private enum Attempt {
        ATTACHED(DetectionOutcome.ATTACHED), DUPLICATE(DetectionOutcome.DUPLICATE), ABSENT(null), NOT_OPEN(null);

        private final DetectionOutcome outcome;

        Attempt(DetectionOutcome outcome) {
            this.outcome = outcome;
        }

        DetectionOutcome outcome() {
            return outcome;
        }
    }
}
