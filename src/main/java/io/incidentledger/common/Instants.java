package io.incidentledger.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one precision rule for instants: whole microseconds. The views keep instants in {@code TIMESTAMP WITH TIME
 * ZONE} columns, which hold microseconds on H2 and PostgreSQL (and PostgreSQL rounds finer values, which can move an
 * instant across a deadline). So every instant is cut to the microsecond where it enters the system (the clock, the
 * times clients and detectors give), and an instant judged in Java is the instant judged in SQL.
 */
public final class Instants {

    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    private Instants() {
    }

    /** The instant cut to whole microseconds (towards the past); {@code null} stays {@code null}. */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A clock that ticks in whole microseconds. */
    public static Clock microsecondClock(Clock clock) {
        return Clock.tick(clock, MICROSECOND);
    }
}
