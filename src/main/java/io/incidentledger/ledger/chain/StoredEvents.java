package io.incidentledger.ledger.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.incidentledger.common.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads events exactly as stored: the bytes and text in the columns, never a re-serialization. */
@Component
public class StoredEvents {

    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data, prev_hash, entry_hash";
    private static final RowMapper<StoredEvent> ROW = (row, index) -> map(row);
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An aggregate's events in sequence order. */
    public List<StoredEvent> ofAggregate(String aggregateIdentifier) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", ROW, aggregateIdentifier);
    }

    public Optional<StoredEvent> byIdentifier(String eventIdentifier) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domain_event_entry WHERE event_identifier = ?", ROW,
                eventIdentifier).stream().findFirst();
    }

    /**
     * The events with a global index above {@code after} and at most {@code upTo}, in global-index order, at most
     * {@code limit} of them: a range of the primary key.
     */
    public List<StoredEvent> between(long after, long upTo, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > ? AND global_index <= ? "
                + "ORDER BY global_index LIMIT ?", ROW, after, upTo, limit);
    }

    /**
     * Every stored event, grouped by aggregate and in sequence order within each, streamed: on PostgreSQL only inside
     * a transaction (the driver honours a fetch size only there; outside one it reads every row first).
     *
     * <p>On PostgreSQL the events are read along the (aggregate, sequence) key, which is already in that order: at
     * ten million events the planner chose a scan of the table and a sort instead, which wrote 7 GB to disk before
     * the first row came back. Sorting is turned off for this query only, in the calling transaction.
     */
    public void forEachByAggregate(Consumer<StoredEvent> consumer) {
        boolean postgres = Databases.isPostgres(jdbc.getDataSource());
        if (postgres) {
            jdbc.execute("SET LOCAL enable_sort = off");
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM domain_event_entry "
                    + "ORDER BY aggregate_identifier, sequence_number");
            statement.setFetchSize(FETCH_SIZE);
            Databases.binaryResults(statement);
            return statement;
        }, row -> {
            consumer.accept(map(row));
        });
        if (postgres) {
            jdbc.execute("RESET enable_sort");
        }
    }

    static StoredEvent map(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("global_index"), row.getString("event_identifier"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getString("type"),
                row.getString("time_stamp"), row.getString("payload_type"), row.getString("payload_revision"),
                row.getBytes("payload"), row.getBytes("meta_data"), row.getBytes("prev_hash"),
                row.getBytes("entry_hash"));
    }
}
