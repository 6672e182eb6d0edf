package io.incidentledger.detection.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.DetectionProperties;
import io.incidentledger.detection.api.AttachDetection;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.api.OpenIncidentFromDetection;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which incident a detection joins, given the incidents that exist for its key: a scripted store stands in. */
class DetectionCorrelatorTest {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final String KEY = "generic:siem:drainer:1:0xdrainer";
    private static final Instant RECEIVED_AT = Instant.parse("2026-03-01T10:20:00Z");
    private static final long THIS_WINDOW = RECEIVED_AT.toEpochMilli() / WINDOW.toMillis();

    private final Map<IncidentId, String> incidents = new HashMap<>();
    private CommandGateway commands;
    private DetectionCorrelator correlator;
    private boolean openRace;

    @BeforeEach
    void setUp() {
        commands = mock(CommandGateway.class);
        when(commands.sendAndWait(any())).thenAnswer(invocation -> handle(invocation.getArgument(0)));
        EventStore eventStore = mock(EventStore.class);
        when(eventStore.lastSequenceNumberFor(any())).thenAnswer(invocation -> incidents.keySet().stream()
                .filter(id -> id.value().equals(invocation.getArgument(0))).findFirst().map(id -> 0L));
        correlator = new DetectionCorrelator(commands, eventStore, new DetectionProperties(WINDOW, null));
    }

    @Test
    void theFirstDetectionOfAKeyOpensThisWindowsIncident() {
        DetectionCorrelator.Correlation correlation = correlator.correlate(detection(), "drainer");

        assertThat(correlation).isEqualTo(new DetectionCorrelator.Correlation(id(THIS_WINDOW, 0),
                DetectionOutcome.OPENED));
    }

    @Test
    void anOpenIncidentOfThePreviousWindowKeepsTheStormTogether() {
        incidents.put(id(THIS_WINDOW - 1, 0), "open");

        assertThat(correlator.correlate(detection(), "drainer"))
                .isEqualTo(new DetectionCorrelator.Correlation(id(THIS_WINDOW - 1, 0), DetectionOutcome.ATTACHED));
    }

    @Test
    void aClosedIncidentIsSkippedForTheNextGeneration() {
        incidents.put(id(THIS_WINDOW, 0), "closed");

        assertThat(correlator.correlate(detection(), "drainer"))
                .isEqualTo(new DetectionCorrelator.Correlation(id(THIS_WINDOW, 1), DetectionOutcome.OPENED));
    }

    @Test
    void losingTheRaceToOpenJoinsTheIncidentTheWinnerOpened() {
        openRace = true;

        assertThat(correlator.correlate(detection(), "drainer"))
                .isEqualTo(new DetectionCorrelator.Correlation(id(THIS_WINDOW, 0), DetectionOutcome.ATTACHED));
    }

    @Test
    void theIncidentIdDependsOnKeyWindowAndGenerationOnly() {
        assertThat(DetectionCorrelator.incidentId(KEY, 7, 0)).isEqualTo(DetectionCorrelator.incidentId(KEY, 7, 0))
                .isNotEqualTo(DetectionCorrelator.incidentId(KEY, 8, 0))
                .isNotEqualTo(DetectionCorrelator.incidentId(KEY, 7, 1))
                .isNotEqualTo(DetectionCorrelator.incidentId(KEY + "x", 7, 0));
    }

    private Object handle(Object command) {
        if (command instanceof AttachDetection attach) {
            String state = incidents.get(attach.incidentId());
            if (state == null) {
                throw new AggregateNotFoundException(attach.incidentId().value(), "no such incident");
            }
            if (state.equals("closed")) {
                throw CommandRefusedException.conflict("incident-not-open", "closed");
            }
            return DetectionOutcome.ATTACHED;
        }
        OpenIncidentFromDetection open = (OpenIncidentFromDetection) command;
        incidents.put(open.incidentId(), "open");
        if (openRace) {
            openRace = false;
            throw new AggregateStreamCreationException("another node opened it first");
        }
        return null;
    }

    private static IncidentId id(long window, int generation) {
        return DetectionCorrelator.incidentId(KEY, window, generation);
    }

    private static Detection detection() {
        return new Detection(DetectionSource.GENERIC, "siem/a1", "drainer", null, "HIGH", Severity.HIGH,
                Category.FRAUDULENT_TRANSACTION, "1", List.of("0xdrainer"), List.of(), List.of(), KEY,
                "b".repeat(64), null, null, null, RECEIVED_AT);
    }
}
