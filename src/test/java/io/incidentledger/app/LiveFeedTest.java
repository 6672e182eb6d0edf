package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.FlowsApplicationTest;
import io.incidentledger.testing.LiveStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's live feed on the embedded default database: events arrive as they are written, a reconnecting
 * client gets exactly what it missed, and only the roles that read incidents may listen. Shares its context with
 * {@link H2ApplicationTest}.
 */
@FlowsApplicationTest
class LiveFeedTest {

    private static final String LIVE = "/console/live";
    private static final Duration A_SECOND = Duration.ofSeconds(1);
    private static final String REPORT = """
            {"title":"Suspicious withdrawal","description":"large outflow","severity":"LOW",
             "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
             "detectedAt":"2026-01-01T10:05:00Z"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String report(ApiClient api) {
        ApiClient.Response reported = api.post("responder", "/api/incidents", REPORT);
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.location().substring("/api/incidents/".length());
    }

    private void addNote(ApiClient api, String incident, String text) {
        ApiClient.Response added = api.post("responder", "/api/incidents/" + incident + "/notes",
                "{\"text\":\"" + text + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(204);
    }

    private static boolean of(LiveStream.Event event, String incident) {
        return "incident".equals(event.name()) && incident.equals(event.json().path("incidentId").asString());
    }

    @Test
    void anIncidentReportedThroughTheApiArrivesOnAnOpenStreamWithinASecond() throws Exception {
        ApiClient api = new ApiClient(port);
        try (LiveStream stream = LiveStream.open(port, "commander", LIVE, null)) {
            assertThat(stream.retry()).isEqualTo("3000");
            String incident = report(api);
            // the event is committed before the report is answered
            long reportedAt = System.nanoTime();

            LiveStream.Event reported = stream.next(event -> of(event, incident), A_SECOND);

            assertThat(reported).as("the incident's first event on the stream").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - reportedAt)).isLessThan(A_SECOND);
            assertThat(reported.json().propertyNames()).containsExactlyInAnyOrder("incidentId", "type", "sequence",
                    "timestamp", "actor");
            assertThat(reported.json().path("type").asString()).isEqualTo("IncidentReported");
            assertThat(reported.json().path("sequence").asLong()).isZero();
            assertThat(reported.json().path("actor").asString()).isEqualTo("responder");
            assertThat(Long.parseLong(reported.id())).isEqualTo(jdbc.queryForObject("SELECT global_index FROM "
                    + "domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0", Long.class,
                    incident));
        }
    }

    @Test
    void aClientReconnectingWithItsLastEventIdGetsExactlyTheEventsItMissedInOrderThenLiveOnes() throws Exception {
        ApiClient api = new ApiClient(port);
        String incident = report(api);
        String follow = LIVE + "?incidentId=" + incident;
        String lastId;
        try (LiveStream stream = LiveStream.open(port, "responder", follow, null)) {
            addNote(api, incident, "before the disconnect");
            LiveStream.Event seen = stream.next(event -> of(event, incident)
                    && "NoteAdded".equals(event.json().path("type").asString()), A_SECOND);
            assertThat(seen).isNotNull();
            lastId = seen.id();
        }
        for (int note = 1; note <= 3; note++) {
            addNote(api, incident, "missed " + note);
        }

        try (LiveStream stream = LiveStream.open(port, "responder", follow, lastId)) {
            List<LiveStream.Event> replayed = stream.collect(Duration.ofMillis(1500));

            List<Long> missed = jdbc.queryForList("SELECT global_index FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? AND global_index > ? ORDER BY global_index", Long.class,
                    incident, Long.parseLong(lastId));
            assertThat(replayed).extracting(event -> Long.parseLong(event.id())).containsExactlyElementsOf(missed);
            assertThat(replayed).filteredOn(event -> "NoteAdded".equals(event.json().path("type").asString()))
                    .hasSize(3);

            addNote(api, incident, "after the reconnection");
            LiveStream.Event live = stream.next(A_SECOND);
            assertThat(live).isNotNull();
            assertThat(live.json().path("type").asString()).isEqualTo("NoteAdded");
            assertThat(Long.parseLong(live.id())).isGreaterThan(missed.get(missed.size() - 1));
        }
    }

    @Test
    void aStreamFollowingOneIncidentGetsNoneOfAnotherOnesEvents() throws Exception {
        ApiClient api = new ApiClient(port);
        String followed = report(api);
        String other = report(api);
        try (LiveStream stream = LiveStream.open(port, "regulator", LIVE + "?incidentId=" + followed, null)) {
            addNote(api, other, "not followed");
            addNote(api, followed, "followed");

            LiveStream.Event first = stream.next(A_SECOND);

            assertThat(first).isNotNull();
            assertThat(first.json().path("incidentId").asString()).isEqualTo(followed);
            assertThat(stream.collect(Duration.ofMillis(300)))
                    .allSatisfy(event -> assertThat(of(event, followed)).isTrue());
        }
    }

    @Test
    void onlyTheRolesThatReadIncidentsMayListen() {
        ApiClient api = new ApiClient(port);

        ApiClient.Response detector = api.get("detector", LIVE);
        ApiClient.Response anonymous = api.get(null, LIVE);

        assertThat(detector.status()).isEqualTo(403);
        assertThat(detector.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
