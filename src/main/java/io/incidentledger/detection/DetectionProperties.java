package io.incidentledger.detection;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of detection ingest.
 *
 * @param correlationWindow detections with the same correlation key within this window (or the one before it,
 *                          while that window's incident is open) join one incident
 * @param correlationThreads  threads that correlate the hits of one batch that have different correlation keys at
 *                            the same time (hits with one key go in order on one thread); when all are busy, the
 *                            request's own thread does the work
 */
@Validated
@ConfigurationProperties("incident-ledger.detection")
public record DetectionProperties(@NotNull Duration correlationWindow, @Min(1) @Max(64) Integer correlationThreads) {

    public DetectionProperties {
        correlationThreads = correlationThreads == null ? 8 : correlationThreads;
    }
}
