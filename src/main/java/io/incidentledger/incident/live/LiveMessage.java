package io.incidentledger.incident.live;

import java.time.Duration;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One message of the stream, kept immutable so that one message can wait in many clients' queues; each client's
 * sender builds its own {@link SseEventBuilder} from it.
 *
 * @param id      the event's position in the store, the client's {@code Last-Event-ID}; {@code null} for none
 * @param name    the SSE event name; {@code null} for a comment alone
 * @param data    the event's data
 * @param comment a comment line; {@code null} for none
 * @param retry   the reconnection delay to tell the client; {@code null} for none
 */
record LiveMessage(Long id, String name, String data, String comment, Duration retry) {

    static final String INCIDENT = "incident";
    static final String RELOAD = "reload";

    /** An incident's event, at its position in the store. */
    static LiveMessage incident(long position, String json) {
        return new LiveMessage(position, INCIDENT, json, null, null);
    }

    /**
     * The client missed more than the stream replays: it should reload what it shows, and reconnect from
     * {@code position}, which is where the stream goes on.
     */
    static LiveMessage reload(long position) {
        return new LiveMessage(position, RELOAD, "{}", null, null);
    }

    /** The first message of every stream: how long the client waits before it reconnects. */
    static LiveMessage opened(Duration retry) {
        return new LiveMessage(null, null, null, "live", retry);
    }

    static LiveMessage heartbeat() {
        return new LiveMessage(null, null, null, "heartbeat", null);
    }

    SseEventBuilder toEvent() {
        SseEventBuilder event = SseEmitter.event();
        if (comment != null) {
            event.comment(comment);
        }
        if (retry != null) {
            event.reconnectTime(retry.toMillis());
        }
        if (id != null) {
            event.id(Long.toString(id));
        }
        if (name != null) {
            event.name(name).data(data);
        }
        return event;
    }
}
