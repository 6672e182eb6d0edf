package io.incidentledger.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.incidentledger.config.AxonStorageConfiguration;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each event processor stands, across the nodes: its position and replay state from the token table (any node
 * may hold its segments), the age of the oldest event it has not handled yet from the event table, and its error
 * state on this node. A processor is <em>behind</em> while such an event is older than
 * {@code readiness.max-lag}: after a crash, while another node's claims still hold its segments, during a long
 * catch-up. A steady trickle of events is handled within milliseconds and never counts as behind. A processor
 * failing on an event is not ready either once it has been failing for longer than {@code max-lag}; a projection
 * parks such an event sooner (after {@code attempts-before-parking}). Readiness asks more, once, after the node
 * starts: every event stored before it started handled ({@code ProcessingHealth}, {@link #head()}).
 *
 * <p>A snapshot is reused for a second, so that health probes and metric scrapes cost a handful of queries at most
 * once a second.
 */
public class ProcessorStatuses {

    private static final Duration REUSE = Duration.ofSeconds(1);
    private static final int ERROR_TEXT_LIMIT = 500;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final DeadLetters deadLetters;
    private final Duration maxLag;
    private final Clock clock;
    private final String tokenQuery;
    private final String nextEventQuery;
    private final String headQuery;
    /** Since when each processor has been failing on this node, as first seen. */
    private final Map<String, Instant> failingSince = new HashMap<>();
    private Snapshot last;

    ProcessorStatuses(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
                      DeadLetters deadLetters, ProcessingProperties settings, Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.deadLetters = deadLetters;
        this.maxLag = settings.readiness().maxLag();
        this.clock = clock;
        TokenSchema tokens = AxonStorageConfiguration.TOKEN_SCHEMA;
        this.tokenQuery = "SELECT " + tokens.processorNameColumn() + ", " + tokens.tokenColumn() + ", "
                + tokens.tokenTypeColumn() + " FROM " + tokens.tokenTable();
        EventSchema events = AxonStorageConfiguration.EVENT_SCHEMA;
        this.headQuery = "SELECT MAX(" + events.globalIndexColumn() + ") FROM " + events.domainEventTable();
        this.nextEventQuery = "SELECT " + events.timestampColumn() + " FROM " + events.domainEventTable() + " WHERE "
                + events.globalIndexColumn() + " > ? ORDER BY " + events.globalIndexColumn() + " LIMIT 1";
    }

    /**
     * Where one processor stands.
     *
     * @param ready running, not behind, not replaying, and not failing for longer than {@code max-lag}
     */
    public record Status(String name, boolean running, int segments, int segmentsHere, long position,
                         Duration lag, boolean behind, boolean replaying, int segmentsInError, String error,
                         long deadLetters, boolean ready) {

        public boolean inError() {
            return segmentsInError > 0;
        }

        public String state() {
            if (!running) {
                return "STOPPED";
            }
            if (inError()) {
                return "IN_ERROR";
            }
            if (replaying) {
                return "REPLAYING";
            }
            return behind ? "BEHIND" : "CAUGHT_UP";
        }
    }

    private record Snapshot(Instant at, List<Status> statuses) {
    }

    /** Every streaming processor's status, by name; at most a second old. */
    public synchronized List<Status> statuses() {
        Instant now = clock.instant();
        if (last == null || Duration.between(last.at(), now).compareTo(REUSE) >= 0 || now.isBefore(last.at())) {
            last = new Snapshot(now, compute(now));
        }
        return last.statuses();
    }

    /** The global index of the newest stored event; -1 for an empty store. */
    public long head() {
        Long head = jdbc.queryForObject(headQuery, Long.class);
        return head == null ? -1 : head;
    }

    public Optional<Status> status(String processor) {
        return statuses().stream().filter(status -> status.name().equals(processor)).findFirst();
    }

    private List<Status> compute(Instant now) {
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        jdbc.query(tokenQuery, row -> {
            byte[] token = row.getBytes(2);
            String type = row.getString(3);
            tokens.computeIfAbsent(row.getString(1), name -> new ArrayList<>())
                    .add(token == null || type == null ? null : serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null)));
        });
        Map<String, Long> parked = deadLetters.countsByGroup();
        List<Status> statuses = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                statuses.add(status(name, streaming, tokens.getOrDefault(name, List.of()), parked, now));
            }
        });
        statuses.sort(Comparator.comparing(Status::name));
        return statuses;
    }

    private Status status(String name, StreamingEventProcessor processor, List<TrackingToken> tokens,
                          Map<String, Long> parked, Instant now) {
        long position = Long.MAX_VALUE;
        boolean replaying = false;
        for (TrackingToken token : tokens) {
            replaying |= token != null && ReplayToken.isReplay(token);
            position = Math.min(position, position(token));
        }
        if (tokens.isEmpty()) {
            // not started yet: everything stored is still to be handled (a saga starts at the head once it claims)
            position = -1;
        }
        Duration lag = oldestUnhandled(position).map(stored -> Duration.between(stored, now))
                .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        int inError = 0;
        String error = null;
        for (EventTrackerStatus segment : here.values()) {
            replaying |= segment.isReplaying();
            if (segment.isErrorState()) {
                inError++;
                if (error == null && segment.getError() != null) {
                    error = clip(segment.getError().toString());
                }
            }
        }
        boolean behind = lag.compareTo(maxLag) > 0;
        boolean failingTooLong = false;
        if (inError > 0) {
            Instant since = failingSince.computeIfAbsent(name, processorName -> now);
            failingTooLong = Duration.between(since, now).compareTo(maxLag) > 0;
        } else {
            failingSince.remove(name);
        }
        boolean running = processor.isRunning();
        return new Status(name, running, tokens.size(), here.size(), position, lag, behind, replaying, inError,
                error, parked.getOrDefault(name, 0L), running && !behind && !replaying && !failingTooLong);
    }

    private static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        OptionalLong position = WrappedToken.unwrapLowerBound(token).position();
        return position.isPresent() ? position.getAsLong() : -1;
    }

    /** When the first event after {@code position} was stored, if there is one. */
    private Optional<Instant> oldestUnhandled(long position) {
        return jdbc.query(nextEventQuery, (row, index) -> DateTimeUtils.parseInstant(row.getString(1)), position)
                .stream().findFirst();
    }

    private static String clip(String text) {
        return text.length() <= ERROR_TEXT_LIMIT ? text : text.substring(0, ERROR_TEXT_LIMIT) + "…";
    }
}
