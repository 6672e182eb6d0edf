package io.incidentledger.compliance.clock;

import java.time.Instant;
import java.util.Objects;

import io.incidentledger.compliance.api.Stage;

/**
 * One report sent to a regulator. A stage may have several (a DORA intermediate report is updated repeatedly); the
 * earliest one decides whether the stage was met.
 */
public record Submission(Stage stage, Instant submittedAt) {

    public Submission {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
