package io.incidentledger.detection.ingest.forta;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Forta endpoints.
 *
 * @param maxBatchSize the most alerts one webhook batch ({@code POST /api/detections/forta/batch}) may carry; a scan
 *                     node sends at most {@code publisherConfig.batch.maxAlerts}, 500 unless configured
 *                     (forta-node services/publisher/publisher.go {@code defaultBatchLimit})
 * @param scanNodes    the scan nodes whose own JWT (the {@code Authorization: Bearer} a scan node in local mode sends
 *                     with every batch) is accepted on the batch endpoint, as the role {@code DETECTOR}; none by
 *                     default
 */
@Validated
@ConfigurationProperties("incident-ledger.detection.forta")
public record FortaProperties(@Positive @DefaultValue("1000") int maxBatchSize,
                              List<@Valid ScanNode> scanNodes) {

    public FortaProperties {
        scanNodes = scanNodes == null ? List.of() : List.copyOf(scanNodes);
    }

    /**
     * A scan node allowed to post batches with its own JWT.
     *
     * @param name    how its requests are named on the events they cause ({@code forta-scan-node:<name>})
     * @param address the node's Ethereum address ({@code forta account address}), which signs its JWTs
     */
    public record ScanNode(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String name,
                           @NotBlank @Pattern(regexp = "0[xX][0-9a-fA-F]{40}") String address) {
    }
}
