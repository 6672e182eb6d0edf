package io.incidentledger.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The parked events of every processing group ({@code dead_letter_entry}, Axon's JDBC sequenced dead-letter queue):
 * what is parked and why, and retrying it. Reading goes straight to the table, so that a letter whose payload can no
 * longer be read is still listed; retrying goes through Axon, which runs the group's handlers on each parked event
 * of a sequence in order and removes those that pass.
 */
public class DeadLetters {

    /** Axon's dead-letter columns under the names of {@code V14__dead_letters.sql}. */
    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcTemplate jdbc;
    private final ProcessingGroups groups;
    private final EventProcessingConfiguration processing;
    private final Serializer eventSerializer;
    private final ProcessingProperties.DeadLetters settings;
    private final Clock clock;

    DeadLetters(JdbcTemplate jdbc, ProcessingGroups groups, EventProcessingConfiguration processing,
                Serializer eventSerializer, ProcessingProperties.DeadLetters settings, Clock clock) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.processing = processing;
        this.eventSerializer = eventSerializer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One parked event.
     *
     * @param position      its place in its sequence, 0 for the one retried first
     * @param failedRetries how often it failed again when it was retried
     * @param nextRetryAt   for the first of a sequence, when the automatic retry takes it next
     */
    public record Parked(String processingGroup, String sequence, int position, String eventIdentifier,
                         String payloadType, String aggregateIdentifier, Long aggregateSequenceNumber,
                         Instant eventTimestamp, Instant parkedAt, Instant lastAttemptAt, String causeType,
                         String causeMessage, int failedRetries, Instant nextRetryAt) {
    }

    /**
     * What a retry did.
     *
     * @param sequencesRetried how many parked sequences were tried
     * @param sequencesCleared how many of them were handled to the end and left the queue
     * @param stillParked      how many events the group(s) still hold afterwards
     */
    public record RetryOutcome(int sequencesRetried, int sequencesCleared, long stillParked) {

        RetryOutcome plus(RetryOutcome other) {
            return new RetryOutcome(sequencesRetried + other.sequencesRetried,
                    sequencesCleared + other.sequencesCleared, stillParked + other.stillParked);
        }
    }

    /** The first letter of a parked sequence: the one a retry takes. */
    private record Head(String eventIdentifier, Instant lastTouched, boolean failed, int failedRetries) {
    }

    public List<String> processingGroups() {
        return groups.names();
    }

    /** Parked events per processing group, every group listed. */
    public Map<String, Long> countsByGroup() {
        Map<String, Long> counts = new LinkedHashMap<>();
        groups.names().forEach(group -> counts.put(group, 0L));
        jdbc.query("SELECT processing_group, COUNT(*) FROM dead_letter_entry GROUP BY processing_group",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    /** The parked events, by group and sequence in the order they will be retried; at most {@code limit}. */
    public List<Parked> list(int limit) {
        List<Parked> parked = new ArrayList<>();
        jdbc.query("""
                SELECT processing_group, sequence_identifier, event_identifier, payload_type, aggregate_identifier,
                    sequence_number, time_stamp, enqueued_at, last_touched, cause_type, cause_message, diagnostics
                FROM dead_letter_entry ORDER BY processing_group, sequence_identifier, sequence_index
                LIMIT ?""", row -> {
            String group = row.getString(1);
            String sequence = row.getString(2);
            Parked previous = parked.isEmpty() ? null : parked.get(parked.size() - 1);
            int position = previous != null && previous.processingGroup().equals(group)
                    && previous.sequence().equals(sequence) ? previous.position() + 1 : 0;
            int retries = retries(row.getBytes(12));
            Instant lastTouched = instant(row.getString(9));
            String causeType = row.getString(10);
            Instant nextRetryAt = position == 0 ? nextRetryAt(new Head(row.getString(3), lastTouched,
                    causeType != null, retries)) : null;
            Long aggregateSequence = row.getObject(6, Long.class);
            parked.add(new Parked(group, sequence, position, row.getString(3), row.getString(4), row.getString(5),
                    aggregateSequence, instant(row.getString(7)), instant(row.getString(8)), lastTouched, causeType,
                    row.getString(11), retries, nextRetryAt));
        }, limit);
        return parked;
    }

    /** Retries every parked sequence of the group now. */
    public RetryOutcome retry(String processingGroup) {
        return retry(processingGroup, head -> true);
    }

    /** Retries every parked sequence of every group now. */
    public RetryOutcome retryAll() {
        return groups.names().stream().map(this::retry).reduce(new RetryOutcome(0, 0, 0), RetryOutcome::plus);
    }

    /** Retries the parked sequences whose backoff has passed: the automatic retry. */
    RetryOutcome retryDue() {
        Instant now = clock.instant();
        return groups.names().stream().map(group -> retry(group, head -> !nextRetryAt(head).isAfter(now)))
                .reduce(new RetryOutcome(0, 0, 0), RetryOutcome::plus);
    }

    private RetryOutcome retry(String processingGroup, Predicate<Head> which) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup);
        if (processor.isEmpty()) {
            return new RetryOutcome(0, 0, count(processingGroup));
        }
        int retried = 0;
        int cleared = 0;
        for (Head head : heads(processingGroup)) {
            if (!which.test(head)) {
                continue;
            }
            retried++;
            try {
                // Axon takes the sequence whose first letter this is, and goes on through it while letters pass
                if (processor.get().process(letter -> head.eventIdentifier().equals(
                        letter.message().getIdentifier()))) {
                    cleared++;
                }
            } catch (RuntimeException failure) {
                log.warn("Processing group {}: retrying parked event {} failed before it could be recorded: {}",
                        processingGroup, head.eventIdentifier(), failure.toString());
            }
        }
        long left = count(processingGroup);
        if (retried > 0) {
            log.info("Processing group {}: {} parked sequence(s) retried, {} cleared, {} event(s) still parked",
                    processingGroup, retried, cleared, left);
        }
        return new RetryOutcome(retried, cleared, left);
    }

    /** The first letter of each sequence, least recently tried first, as Axon looks for them. */
    private List<Head> heads(String processingGroup) {
        return jdbc.query("""
                        SELECT d.event_identifier, d.last_touched, d.cause_type, d.diagnostics
                        FROM dead_letter_entry d
                        WHERE d.processing_group = ? AND d.sequence_index = (
                            SELECT MIN(f.sequence_index) FROM dead_letter_entry f
                            WHERE f.processing_group = d.processing_group
                              AND f.sequence_identifier = d.sequence_identifier)
                        ORDER BY d.last_touched""",
                (row, index) -> new Head(row.getString(1), instant(row.getString(2)), row.getString(3) != null,
                        retries(row.getBytes(4))), processingGroup);
    }

    private long count(String processingGroup) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, processingGroup);
        return count == null ? 0 : count;
    }

    /**
     * A sequence whose first letter failed waits the backoff for its number of failed retries; one whose first
     * letter never failed (it was parked behind a letter that has passed since) is due at once.
     */
    private Instant nextRetryAt(Head head) {
        if (!head.failed() || head.lastTouched() == null) {
            return head.lastTouched() == null ? Instant.EPOCH : head.lastTouched();
        }
        Duration wait = settings.backoff(head.failedRetries());
        return head.lastTouched().plus(wait);
    }

    private int retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            MetaData metaData = eventSerializer.deserialize(new SimpleSerializedObject<>(diagnostics, byte[].class,
                    MetaData.class.getName(), null));
            return ParkingPolicy.retries(metaData);
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : DateTimeUtils.parseInstant(text);
    }
}
