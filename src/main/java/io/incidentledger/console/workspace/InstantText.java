package io.incidentledger.console.workspace;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the workspace writes them for people: {@code 2026-03-01 12:00:07 UTC}, to the second; the full value
 * stays in each {@code <time datetime>}. In the templates as {@code at}: {@code ${at.text(incident.reportedAt())}}.
 */
public final class InstantText {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The instant to the second in UTC; an empty string for none. */
    public String text(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
