package io.incidentledger.detection;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of detection ingest.
 *
 * @param correlationWindow detections with the same correlation key within this window (or the one before it,
 *                          while that window's incident is open) join one incident
 */
@Validated
@ConfigurationProperties("incident-ledger.detection")
public record DetectionProperties(@NotNull Duration correlationWindow) {
}
