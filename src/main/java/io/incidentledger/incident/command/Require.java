package io.incidentledger.incident.command;

import java.time.Instant;

import io.incidentledger.common.CommandRefusedException;

/** The input checks the incident and its members share, so that each refusal reads the same wherever it is made. */
final class Require {

    private Require() {
    }

    static void text(String field, String text) {
        if (text == null || text.isBlank()) {
            throw CommandRefusedException.invalid("missing-" + field, field + " is required");
        }
    }

    static void time(String field, Instant time) {
        if (time == null) {
            throw CommandRefusedException.invalid("missing-time", field + " is required");
        }
    }

    static void notBefore(String field, Instant time, Instant earliest) {
        if (time.isBefore(earliest)) {
            throw CommandRefusedException.invalid("time-out-of-order",
                    field + " (" + time + ") is before the incident's latest recorded time (" + earliest + ")");
        }
    }
}
