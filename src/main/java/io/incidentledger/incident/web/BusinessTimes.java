package io.incidentledger.incident.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Instants;
import org.springframework.stereotype.Component;

/**
 * Business times given by a client: absent means "now", and a time more than the allowed clock skew in the future is
 * refused, since nobody contains an incident tomorrow. Times are kept to the microsecond ({@link Instants}): finer
 * digits are cut off.
 */
@Component
class BusinessTimes {

    static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    BusinessTimes(Clock clock) {
        this.clock = clock;
    }

    Instant orNow(Instant requested, String field) {
        Instant now = clock.instant();
        if (requested == null) {
            return now;
        }
        return notInFuture(requested, field, now);
    }

    Instant optional(Instant requested, String field) {
        return requested == null ? null : notInFuture(requested, field, clock.instant());
    }

    private static Instant notInFuture(Instant requested, String field, Instant now) {
        if (requested.isAfter(now.plus(ALLOWED_SKEW))) {
            throw CommandRefusedException.invalid("time-in-future", field + " (" + requested + ") is in the future");
        }
        return Instants.micros(requested);
    }
}
