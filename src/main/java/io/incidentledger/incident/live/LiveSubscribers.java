package io.incidentledger.incident.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open streams of this node, at most {@code max-subscribers}, and the threads that write to them.
 *
 * <p>A new stream waits among the {@link #joining()} ones until the {@link LiveFeedReader reader} has sent it what it
 * missed; from then on the reader hands it every event it reads. At shutdown every stream is ended first, before the
 * web server waits for its open requests ({@link #PHASE}): a stream would otherwise hold that wait up for its whole
 * length, and the clients reconnect to another node anyway.
 */
final class LiveSubscribers implements SmartLifecycle {

    /** Above the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}), below the loops that write events. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final LiveFeedProperties properties;
    private final Queue<LiveSubscriber> joining = new ConcurrentLinkedQueue<>();
    private final Set<LiveSubscriber> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private volatile ThreadPoolTaskExecutor senders;

    LiveSubscribers(LiveFeedProperties properties) {
        this.properties = properties;
    }

    /**
     * A new stream, unless this node is stopping or already serves as many as it may.
     *
     * @param incidentId the incident it follows; {@code null} for every incident
     * @param after      the position after which it wants events
     */
    Optional<LiveSubscriber> subscribe(SseEmitter emitter, String incidentId, long after) {
        ThreadPoolTaskExecutor running = senders;
        if (running == null) {
            return Optional.empty();
        }
        if (count.incrementAndGet() > properties.maxSubscribers()) {
            count.decrementAndGet();
            return Optional.empty();
        }
        // room for a whole replay, the first message and the reload one, besides the live messages
        int capacity = properties.replayLimit() + 2 + properties.queueSize();
        LiveSubscriber subscriber = new LiveSubscriber(emitter, incidentId, after, capacity, running,
                count::decrementAndGet);
        subscriber.offer(LiveMessage.opened(properties.retry()));
        joining.add(subscriber);
        return Optional.of(subscriber);
    }

    /** The streams that arrived since the last call; the reader then {@link #admit admits} them. */
    List<LiveSubscriber> joining() {
        List<LiveSubscriber> arrived = new ArrayList<>();
        LiveSubscriber next;
        while ((next = joining.poll()) != null) {
            arrived.add(next);
        }
        return arrived;
    }

    void admit(LiveSubscriber subscriber) {
        open.add(subscriber);
        // a stream ended by a stop that ran in the meantime is not left behind
        if (senders == null) {
            subscriber.close();
        }
    }

    /** The admitted streams that are still open; the closed ones are forgotten. */
    List<LiveSubscriber> open() {
        open.removeIf(LiveSubscriber::isClosed);
        return List.copyOf(open);
    }

    /** How many streams this node serves. */
    int count() {
        return count.get();
    }

    @Override
    public synchronized void start() {
        if (senders != null) {
            return;
        }
        ThreadPoolTaskExecutor starting = new ThreadPoolTaskExecutor();
        starting.setThreadNamePrefix("live-feed-send-");
        starting.setCorePoolSize(properties.senderThreads());
        starting.setMaxPoolSize(properties.senderThreads());
        starting.setDaemon(true);
        starting.initialize();
        senders = starting;
    }

    @Override
    public synchronized void stop() {
        ThreadPoolTaskExecutor stopping = senders;
        if (stopping == null) {
            return;
        }
        senders = null;
        joining().forEach(LiveSubscriber::close);
        open.forEach(LiveSubscriber::close);
        open.clear();
        stopping.shutdown();
    }

    @Override
    public boolean isRunning() {
        return senders != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
