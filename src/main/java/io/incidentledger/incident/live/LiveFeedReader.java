package io.incidentledger.incident.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.incidentledger.common.BackgroundLoop;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * This node's one reader of the event store for the live feed: every {@code poll-interval} it reads the events
 * written since its last pass, on any node, and hands each incident event to every open stream that follows it.
 * Streams are written by {@link LiveSubscribers}' sender threads, so the reader never waits for a client.
 *
 * <p>It reads the storage engine itself rather than through a tracking processor: a processor's token is shared
 * by the nodes, which would each see only their share of the events, while every node must tell its own clients
 * about every event. Nor does it open a stream on the embedded event store, which looks for events written on other
 * nodes only once a second; its own poll bounds that delay. A new stream first gets the events it missed after its
 * {@code Last-Event-ID}, read from the store by this same thread before it gets any live one, so that it sees each
 * event once and in order.
 *
 * <p>Starts before the web server and stops after it ({@link BackgroundLoop#READERS_PHASE}): it writes nothing.
 */
final class LiveFeedReader extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(LiveFeedReader.class);
    private static final int BATCH = 1000;
    /** A replay reads at most this many events of any kind for each incident event it may send. */
    private static final int SCAN_FACTOR = 10;

    private final EventStorageEngine storage;
    private final LiveSubscribers subscribers;
    private final JsonMapper json;
    private final LiveFeedProperties properties;
    private final Clock clock;
    private boolean started;
    private TrackingToken token;
    private volatile long position = -1;
    private Instant lastHeartbeat;
    private boolean failing;

    LiveFeedReader(EventStorageEngine storage, LiveSubscribers subscribers, JsonMapper json,
                   LiveFeedProperties properties, Clock clock) {
        super("live-feed", READERS_PHASE, properties.pollInterval(), Duration.ZERO, Duration.ofSeconds(5));
        this.storage = storage;
        this.subscribers = subscribers;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The position up to which events have been handed to the streams; a stream opened now without
     * {@code Last-Event-ID} starts from it. {@code -1} before the first pass.
     */
    long position() {
        return position;
    }

    @Override
    protected boolean runPass() {
        try {
            if (!started) {
                // null in an empty store: the events are then read from its start
                token = storage.createHeadToken();
                started = true;
                position = token == null ? -1 : token.position().orElse(-1);
            }
            admitJoining();
            boolean more = readNew();
            heartbeatWhenDue();
            if (failing) {
                log.info("The live feed reads the event store again");
                failing = false;
            }
            return more;
        } catch (RuntimeException failure) {
            if (!failing) {
                log.warn("The live feed could not read the event store; trying again: {}", failure.toString());
                failing = true;
            }
            return false;
        }
    }

    /** Reads one batch of new events and hands them out; whether the batch was full. */
    private boolean readNew() {
        List<LiveSubscriber> open = subscribers.open();
        int read = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> batch = events.limit(BATCH).iterator();
            while (batch.hasNext()) {
                TrackedEventMessage<?> event = batch.next();
                read++;
                long at = IncidentChange.position(event);
                Optional<IncidentChange> change = IncidentChange.of(event);
                if (change.isPresent()) {
                    LiveMessage message = LiveMessage.incident(at, json.writeValueAsString(change.get()));
                    for (LiveSubscriber subscriber : open) {
                        // a client that came from a node further on has had the events up to its last id
                        if (at > subscriber.after() && subscriber.follows(change.get())) {
                            subscriber.offer(message);
                        }
                    }
                }
                token = event.trackingToken();
                position = at;
            }
        }
        return read == BATCH;
    }

    /** Admits the new streams; one whose replay failed is ended, and reconnects with its last id. */
    private void admitJoining() {
        RuntimeException failed = null;
        for (LiveSubscriber joining : subscribers.joining()) {
            try {
                admit(joining);
            } catch (RuntimeException failure) {
                joining.close();
                failed = failure;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Sends a new stream the incident events after its position up to the reader's, at most {@code replay-limit}
     * of them; when it missed more, a {@code reload} event instead, after which it goes on from the reader's position.
     */
    private void admit(LiveSubscriber subscriber) {
        long until = position;
        if (subscriber.after() < until) {
            List<LiveMessage> missed = new ArrayList<>();
            boolean tooMany = false;
            int scanned = 0;
            TrackingToken from = GapAwareTrackingToken.newInstance(subscriber.after(), Set.of());
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(from, false)) {
                Iterator<? extends TrackedEventMessage<?>> all = events.iterator();
                while (all.hasNext()) {
                    TrackedEventMessage<?> event = all.next();
                    long at = IncidentChange.position(event);
                    if (at > until) {
                        break;
                    }
                    Optional<IncidentChange> change = IncidentChange.of(event).filter(subscriber::follows);
                    if (change.isPresent()) {
                        missed.add(LiveMessage.incident(at, json.writeValueAsString(change.get())));
                    }
                    if (missed.size() > properties.replayLimit()
                            || ++scanned > properties.replayLimit() * SCAN_FACTOR) {
                        tooMany = true;
                        break;
                    }
                }
            }
            if (tooMany) {
                subscriber.offer(LiveMessage.reload(until));
            } else {
                missed.forEach(subscriber::offer);
            }
        }
        if (subscriber.after() <= until) {
            subscriber.caughtUp();
        }
        subscribers.admit(subscriber);
    }

    private void heartbeatWhenDue() {
        Instant now = clock.instant();
        if (lastHeartbeat == null || !now.isBefore(lastHeartbeat.plus(properties.heartbeat()))) {
            subscribers.open().forEach(subscriber -> subscriber.offer(LiveMessage.heartbeat()));
            lastHeartbeat = now;
        }
    }
}
