package io.incidentledger.incident.live;

import java.io.IOException;
import java.util.UUID;

import io.incidentledger.web.ProblemResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's live feed (docs/api.md, "Live feed"): a Server-Sent Events stream of the incidents' events written
 * on any node, for every incident or for one. A client that reconnects with {@code Last-Event-ID} first gets what
 * it missed.
 */
@RestController
class LiveFeedController {

    static final String PATH = "/console/live";
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LiveSubscribers subscribers;
    private final LiveFeedReader reader;
    private final LiveFeedProperties properties;
    private final ProblemResponseWriter problems;

    LiveFeedController(LiveSubscribers subscribers, LiveFeedReader reader, LiveFeedProperties properties,
                       ProblemResponseWriter problems) {
        this.subscribers = subscribers;
        this.reader = reader;
        this.properties = properties;
        this.problems = problems;
    }

    /** The stream; {@code null} (nothing more to write) when this node serves as many as it may. */
    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@RequestParam(required = false) UUID incidentId,
                    @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        SseEmitter emitter = new SseEmitter(properties.connectionTimeout().toMillis());
        long after = lastPosition(lastEventId);
        if (subscribers.subscribe(emitter, incidentId == null ? null : incidentId.toString(), after).isEmpty()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, properties.retry().toSeconds())));
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "live-feed-full",
                    "this node serves as many live streams as it may; try again, or another node");
            return null;
        }
        // proxies that buffer responses (nginx) would hold the events back
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    /** The position after which the client wants events: its last event's, else where the reader is now. */
    private long lastPosition(String lastEventId) {
        if (lastEventId != null) {
            try {
                long last = Long.parseLong(lastEventId.trim());
                if (last >= 0) {
                    return last;
                }
            } catch (NumberFormatException notOurs) {
                // an id this feed did not send: the client gets what comes from now on
            }
        }
        return reader.position();
    }
}
