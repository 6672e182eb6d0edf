package benchmarks.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import io.incidentledger.ledger.chain.EventHash;
import org.axonframework.common.DateTimeUtils;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk-writes synthetic, validly chained events straight into {@code domain_event_entry} with PostgreSQL's
 * {@code COPY} (the append-only triggers only refuse UPDATE, DELETE and TRUNCATE): aggregates of
 * {@code eventsPerAggregate} events each, every event's {@code prev_hash} the entry hash of its predecessor (the first
 * {@link EventHash#GENESIS}) and its {@code entry_hash} computed by {@link EventHash#of} over exactly the columns
 * written, so that the chain verifier accepts every one. The global index comes from the column's identity.
 * Payload and metadata are JSON of about the size of the application's own events.
 */
final class SyntheticEvents {

    private static final String COPY = "COPY domain_event_entry (event_identifier, aggregate_identifier,"
            + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data, prev_hash,"
            + " entry_hash) FROM STDIN";
    private static final String PAYLOAD_TYPE = "io.incidentledger.incident.api.NoteAdded";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final HexFormat HEX = HexFormat.of();
    private static final int FLUSH_BYTES = 1 << 20;

    private final int eventsPerAggregate;
    private final int payloadBytes;
    private long written;
    private String aggregate;
    private int sequence;
    private byte[] previous = EventHash.GENESIS;

    SyntheticEvents(int eventsPerAggregate, int payloadBytes) {
        this.eventsPerAggregate = eventsPerAggregate;
        this.payloadBytes = payloadBytes;
    }

    /** Appends {@code count} more events in one COPY (one transaction); continues the last aggregate's chain. */
    void append(Connection connection, long count) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 8192);
            for (long i = 0; i < count; i++) {
                row(buffer);
                if (buffer.size() >= FLUSH_BYTES) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void row(ByteArrayOutputStream out) {
        if (aggregate == null || sequence == eventsPerAggregate) {
            aggregate = UUID.randomUUID().toString();
            sequence = 0;
            previous = EventHash.GENESIS;
        }
        String eventIdentifier = UUID.randomUUID().toString();
        String timeStamp = DateTimeUtils.formatInstant(EPOCH.plusMillis(written));
        byte[] payload = payload(aggregate, written);
        byte[] metaData = ("{\"actor\":\"bench\",\"actorType\":\"SERVICE\",\"actorRoles\":\"RESPONDER\","
                + "\"correlationId\":\"" + eventIdentifier + "\",\"traceId\":\"" + eventIdentifier + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] hash = EventHash.of(eventIdentifier, aggregate, "Incident", sequence, timeStamp, PAYLOAD_TYPE, null,
                payload, metaData, previous);
        text(out, eventIdentifier);
        text(out, aggregate);
        text(out, Long.toString(sequence));
        text(out, "Incident");
        text(out, timeStamp);
        text(out, PAYLOAD_TYPE);
        out.writeBytes("\\N\t".getBytes(StandardCharsets.US_ASCII));
        bytea(out, payload, '\t');
        bytea(out, metaData, '\t');
        bytea(out, previous, '\t');
        bytea(out, hash, '\n');
        previous = hash;
        sequence++;
        written++;
    }

    private byte[] payload(String incident, long n) {
        StringBuilder json = new StringBuilder(payloadBytes + 64).append("{\"incidentId\":\"").append(incident)
                .append("\",\"text\":\"Synthetic ledger benchmark note ").append(n).append(':');
        while (json.length() < payloadBytes - 2) {
            json.append(" lorem ipsum");
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Text-format COPY field: the values written here contain no tab, newline or backslash. */
    private static void text(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write('\t');
    }

    /** bytea in hex input form; the backslash is doubled for COPY's text format. */
    private static void bytea(ByteArrayOutputStream out, byte[] value, char end) {
        out.writeBytes("\\\\x".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HEX.formatHex(value).getBytes(StandardCharsets.US_ASCII));
        out.write(end);
    }
}
