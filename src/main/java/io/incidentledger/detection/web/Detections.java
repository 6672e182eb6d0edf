package io.incidentledger.detection.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The shared end of every ingest endpoint: correlates a detection and answers 201 with the new incident's
 * {@code Location} when it opened one, 200 when it joined an open incident or was a delivery already recorded.
 */
@Component
public class Detections {

    private final DetectionCorrelator correlator;
    private final Clock clock;

    public Detections(DetectionCorrelator correlator, Clock clock) {
        this.correlator = correlator;
        this.clock = clock;
    }

    /** When the detection was received: the candidate "became aware" time. */
    public Instant now() {
        return clock.instant();
    }

    public ResponseEntity<DetectionResponse> accept(Detection detection, String title) {
        DetectionCorrelator.Correlation correlation = correlator.correlate(detection, title);
        DetectionResponse body = new DetectionResponse(correlation.incidentId().value(), correlation.outcome());
        if (correlation.outcome() == DetectionOutcome.OPENED) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/incidents/" + correlation.incidentId()))
                    .body(body);
        }
        return ResponseEntity.ok(body);
    }
}
