package io.incidentledger.detection.ingest.forta;

import io.incidentledger.detection.web.DetectionResponse;
import io.incidentledger.detection.web.Detections;
import io.incidentledger.web.RawBodyDigest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/detections/forta}: one Forta alert or finding exactly as Forta emits it. The body is read as a
 * tree, not bound to a record, so that fields Forta adds later do not fail the global strict binding.
 */
@RestController
public class FortaController {

    private final Detections detections;

    FortaController(Detections detections) {
        this.detections = detections;
    }

    @PostMapping(path = "/api/detections/forta", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DetectionResponse> ingest(@RequestBody JsonNode alert,
                                             @RequestAttribute(RawBodyDigest.ATTRIBUTE) String payloadSha256) {
        FortaAlertMapper.Mapped mapped = FortaAlertMapper.map(alert, payloadSha256, detections.now());
        return detections.accept(mapped.detection(), mapped.title());
    }
}
