package io.incidentledger.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between instants and the {@code TIMESTAMP WITH TIME ZONE} columns of the views, the same on H2 and
 * PostgreSQL: an instant is written at UTC, cut to whole microseconds ({@link Instants}), and read back as itself.
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : Instants.micros(instant).atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
