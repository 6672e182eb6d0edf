package io.incidentledger.ledger.verify;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import io.incidentledger.ledger.log.MerkleHashes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and writes the verified prefix ({@link VerifiedPrefix}) and the verified heads of the aggregates. Writes are
 * compare-and-set on the prefix's version: of two verifiers (two nodes, or a pass asked for over the API while the
 * background one runs), the one whose pass started from an older prefix than the stored one writes nothing.
 */
final class VerifiedPrefixStore {

    private static final int MAX_KEYS_PER_QUERY = 500;
    /**
     * Heads written per JDBC batch: the first whole-store pass over a large store writes one per aggregate (a million
     * at ten million events), which as one batch would hold every row's parameters in memory at once.
     */
    private static final int HEADS_PER_BATCH = 10_000;
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    /** The same data source, streaming: every head is read by a whole-store pass. */
    private final JdbcTemplate streaming;

    VerifiedPrefixStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
    }

    /**
     * A verified head: an aggregate's newest verified event, the one its next event must chain onto. {@code first}:
     * the aggregate had no head recorded (the row is inserted rather than updated).
     */
    record Head(String aggregateIdentifier, long sequenceNumber, byte[] entryHash, boolean first) {

        Head(String aggregateIdentifier, long sequenceNumber, byte[] entryHash) {
            this(aggregateIdentifier, sequenceNumber, entryHash, false);
        }

        Head asFirst(boolean isFirst) {
            return new Head(aggregateIdentifier, sequenceNumber, entryHash, isFirst);
        }

        boolean sameAs(Head other) {
            return other != null && sequenceNumber == other.sequenceNumber
                    && Arrays.equals(entryHash, other.entryHash);
        }
    }

    Optional<VerifiedPrefix> read() {
        return jdbc.query("""
                        SELECT version, log_size, root_hash, frontier, checkpoint_note, global_index, verified_at,
                               full_pass_at
                        FROM ledger_verified_prefix WHERE id = 1""",
                (row, index) -> new VerifiedPrefix(row.getLong(1), row.getLong(2), row.getBytes(3),
                        split(row.getBytes(4)), row.getString(5), row.getLong(6),
                        row.getObject(7, OffsetDateTime.class).toInstant(),
                        row.getObject(8, OffsetDateTime.class).toInstant())).stream().findFirst();
    }

    /** The verified heads of these aggregates; one query per {@value #MAX_KEYS_PER_QUERY} aggregates. */
    Map<String, Head> heads(Collection<String> aggregates) {
        Map<String, Head> heads = new HashMap<>();
        List<String> all = new ArrayList<>(aggregates);
        for (int from = 0; from < all.size(); from += MAX_KEYS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_KEYS_PER_QUERY));
            jdbc.query("SELECT aggregate_identifier, sequence_number, entry_hash FROM ledger_verified_head "
                    + "WHERE aggregate_identifier IN (" + placeholders(chunk.size()) + ")", row -> {
                        heads.put(row.getString(1), new Head(row.getString(1), row.getLong(2), row.getBytes(3)));
                    }, chunk.toArray());
        }
        return heads;
    }

    /** Every verified head, streamed. */
    void forEachHead(Consumer<Head> consumer) {
        streaming.query("SELECT aggregate_identifier, sequence_number, entry_hash FROM ledger_verified_head", row -> {
            consumer.accept(new Head(row.getString(1), row.getLong(2), row.getBytes(3)));
        });
    }

    /**
     * The entry hash the store holds for each of these aggregates' events at these sequence numbers (the verified
     * heads): one query per {@value #MAX_KEYS_PER_QUERY}, through the unique key on (aggregate, sequence).
     */
    Map<String, byte[]> storedHashes(Collection<Head> heads) {
        Map<String, byte[]> stored = new HashMap<>();
        List<Head> all = new ArrayList<>(heads);
        for (int from = 0; from < all.size(); from += MAX_KEYS_PER_QUERY) {
            List<Head> chunk = all.subList(from, Math.min(all.size(), from + MAX_KEYS_PER_QUERY));
            List<Object> arguments = new ArrayList<>(chunk.size() * 2);
            chunk.forEach(head -> {
                arguments.add(head.aggregateIdentifier());
                arguments.add(head.sequenceNumber());
            });
            jdbc.query("SELECT aggregate_identifier, sequence_number, entry_hash FROM domain_event_entry "
                    + "WHERE (aggregate_identifier, sequence_number) IN (" + String.join(", ",
                    java.util.Collections.nCopies(chunk.size(), "(?, ?)")) + ")", row -> {
                        stored.put(row.getString(1) + "#" + row.getLong(2), row.getBytes(3));
                    }, arguments.toArray());
        }
        return stored;
    }

    /**
     * Writes the new prefix, and the heads that changed, if the stored prefix is still the one the pass started from
     * ({@code startedFrom}, empty when there was none). Returns whether it wrote.
     */
    boolean write(Optional<VerifiedPrefix> startedFrom, VerifiedPrefix next, Collection<Head> changedHeads,
                  Collection<String> removedHeads) {
        Optional<Long> stored = jdbc.queryForList("SELECT version FROM ledger_verified_prefix WHERE id = 1 FOR UPDATE",
                Long.class).stream().findFirst();
        if (!stored.equals(startedFrom.map(VerifiedPrefix::version))) {
            return false;
        }
        Object[] values = {next.logSize(), next.rootHash(), join(next.frontier()), next.checkpointNote(),
            next.globalIndex(), utc(next.verifiedAt()), utc(next.fullPassAt())};
        if (stored.isEmpty()) {
            try {
                jdbc.update("""
                        INSERT INTO ledger_verified_prefix (id, version, log_size, root_hash, frontier, checkpoint_note,
                            global_index, verified_at, full_pass_at)
                        VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?)""", values);
            } catch (DuplicateKeyException anotherVerifierWasFirst) {
                return false;
            }
        } else {
            Object[] arguments = Arrays.copyOf(values, values.length + 1);
            arguments[values.length] = stored.get();
            jdbc.update("""
                    UPDATE ledger_verified_prefix SET version = version + 1, log_size = ?, root_hash = ?, frontier = ?,
                        checkpoint_note = ?, global_index = ?, verified_at = ?, full_pass_at = ?
                    WHERE id = 1 AND version = ?""", arguments);
        }
        inBatches("DELETE FROM ledger_verified_head WHERE aggregate_identifier = ?", List.copyOf(removedHeads),
                aggregate -> new Object[] {aggregate});
        inBatches("UPDATE ledger_verified_head SET sequence_number = ?, entry_hash = ? WHERE aggregate_identifier = ?",
                changedHeads.stream().filter(head -> !head.first()).toList(), head -> new Object[] {
                    head.sequenceNumber(), head.entryHash(), head.aggregateIdentifier()});
        inBatches("INSERT INTO ledger_verified_head (aggregate_identifier, sequence_number, entry_hash) "
                + "VALUES (?, ?, ?)", changedHeads.stream().filter(Head::first).toList(), head -> new Object[] {
                    head.aggregateIdentifier(), head.sequenceNumber(), head.entryHash()});
        return true;
    }

    /** One statement for every row, {@value #HEADS_PER_BATCH} rows a JDBC batch. */
    private <T> void inBatches(String sql, List<T> rows, Function<T, Object[]> arguments) {
        for (int from = 0; from < rows.size(); from += HEADS_PER_BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + HEADS_PER_BATCH)).stream()
                    .map(arguments).toList());
        }
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static byte[] join(List<byte[]> hashes) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(hashes.size() * MerkleHashes.HASH_LENGTH);
        hashes.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    private static List<byte[]> split(byte[] joined) {
        List<byte[]> hashes = new ArrayList<>();
        for (int from = 0; from + MerkleHashes.HASH_LENGTH <= joined.length; from += MerkleHashes.HASH_LENGTH) {
            hashes.add(Arrays.copyOfRange(joined, from, from + MerkleHashes.HASH_LENGTH));
        }
        return hashes;
    }
}
