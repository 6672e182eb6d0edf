package io.incidentledger.detection.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import io.incidentledger.detection.api.Detection;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a generic detection envelope that did not come over HTTP (a Kafka record): the same strict JSON reading,
 * constraints and mapping as {@code POST /api/detections}.
 */
@Component
public class EnvelopeReader {

    private final JsonMapper mapper;
    private final Validator validator;

    public EnvelopeReader(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** An envelope that cannot be read: a stable code and the reason. */
    public static final class Unreadable extends RuntimeException {

        private final String code;

        public Unreadable(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A detection and the title of the incident it would open. */
    public record Read(Detection detection, String title) {
    }

    public Read read(byte[] json, String payloadSha256, Instant receivedAt) {
        if (json == null || json.length == 0) {
            throw new Unreadable("malformed-request", "the envelope is empty");
        }
        EnvelopeController.Envelope envelope;
        try {
            envelope = mapper.readValue(json, EnvelopeController.Envelope.class);
        } catch (JacksonException malformed) {
            throw new Unreadable("malformed-request", "the envelope is not a valid detection envelope: "
                    + malformed.getOriginalMessage());
        }
        if (envelope == null) {
            throw new Unreadable("malformed-request", "the envelope is null");
        }
        Set<ConstraintViolation<EnvelopeController.Envelope>> violations = validator.validate(envelope);
        if (!violations.isEmpty()) {
            throw new Unreadable("validation-failed", violations.stream()
                    .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return new Read(EnvelopeController.detection(envelope, payloadSha256, receivedAt), envelope.name());
    }
}
