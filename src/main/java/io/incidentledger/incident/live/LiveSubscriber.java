package io.incidentledger.incident.live;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: the messages waiting for it, in a bounded queue that the reader fills without ever waiting, and
 * that a shared sender thread empties. A client too slow to take what it is sent fills its queue and is dropped
 * (it reconnects with its last event's id); it never holds up the reader or the other clients.
 */
final class LiveSubscriber {

    private final SseEmitter emitter;
    private final String incidentId;
    private final BlockingQueue<LiveMessage> queue;
    private final Executor senders;
    private final Runnable onClose;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * The position up to which it need not be sent events, from its {@code Last-Event-ID}, until the reader has
     * caught up with it; then {@link Long#MIN_VALUE}: it is sent every event the reader reads, including one that
     * commits after a later-numbered one and comes with that later position. Reader's thread only.
     */
    private long after;

    /**
     * @param incidentId the incident it follows; {@code null} for every incident
     * @param after      the position after which it wants events
     * @param onClose    run once, when it closes for whatever reason
     */
    LiveSubscriber(SseEmitter emitter, String incidentId, long after, int queueSize, Executor senders,
                   Runnable onClose) {
        this.emitter = emitter;
        this.incidentId = incidentId;
        this.after = after;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.senders = senders;
        this.onClose = onClose;
        emitter.onCompletion(this::closed);
        emitter.onTimeout(this::close);
        emitter.onError(failure -> closed());
    }

    boolean follows(IncidentChange change) {
        return incidentId == null || incidentId.equals(change.incidentId());
    }

    long after() {
        return after;
    }

    /** It has been sent everything up to the reader's position: from now on it gets every event the reader reads. */
    void caughtUp() {
        after = Long.MIN_VALUE;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Queues a message without waiting; a full queue drops the client. */
    void offer(LiveMessage message) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(message)) {
            close();
            return;
        }
        if (sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::send);
            } catch (RejectedExecutionException stopping) {
                close();
            }
        }
    }

    private void send() {
        try {
            LiveMessage next;
            while (!closed.get() && (next = queue.poll()) != null) {
                emitter.send(next.toEvent());
            }
        } catch (IOException | IllegalStateException gone) {
            // the client went away: the container reports it to Spring MVC, which ends the request
            closed();
        } finally {
            sending.set(false);
        }
        // a message queued after the last poll and before the flag was cleared found the flag still set
        if (!queue.isEmpty() && !closed.get() && sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::send);
            } catch (RejectedExecutionException stopping) {
                close();
            }
        }
    }

    /** Ends the stream; the client reconnects after its retry delay. */
    void close() {
        closed();
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyFailed) {
            // the container has already ended the request after an error on it
        }
    }

    private void closed() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClose.run();
        }
    }
}
