package io.incidentledger.compliance.clock;

import java.time.Instant;
import java.time.ZoneId;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/**
 * A stage's deadline as a regime rule derived it, before a status is judged. {@code dueAt} is {@code null} when the
 * anchor fact is not recorded yet; {@code zone} is the zone the stage's instants are shown in.
 */
record Deadline(Stage stage, Anchor anchor, Instant anchoredAt, Instant dueAt, Instant graceUntil, ZoneId zone,
        String derivation) {

    static Deadline notStarted(Stage stage, Anchor anchor, ZoneId zone, String derivation) {
        return new Deadline(stage, anchor, null, null, null, zone, derivation);
    }

    boolean started() {
        return dueAt != null;
    }
}
