package io.incidentledger.detection.ingest.forta;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Forta endpoints.
 *
 * @param maxBatchSize the most alerts one webhook batch ({@code POST /api/detections/forta/batch}) may carry; a scan
 *                     node sends at most {@code publisherConfig.batch.maxAlerts}, 500 unless configured
 *                     (forta-node services/publisher/publisher.go {@code defaultBatchLimit})
 */
@Validated
@ConfigurationProperties("incident-ledger.detection.forta")
public record FortaProperties(@Positive @DefaultValue("1000") int maxBatchSize) {
}
