package io.incidentledger.compliance.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.incidentledger.compliance.access.AccessLogProjection;
import io.incidentledger.compliance.query.ResponseMetricsProjection;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The compliance views against the whole running application: incidents reported and worked through the incident
 * API, then read as a regulator would. Subclasses choose the database.
 */
abstract class ComplianceApplicationFlows {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HexFormat HEX = HexFormat.of();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    LedgerLog ledgerLog;

    @Autowired
    LedgerVerification verification;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    ApiClient api() {
        return new ApiClient(port);
    }

    // --- one precision rule: the per-incident obligations (judged in Java) and the list (judged in SQL) agree ---

    /**
     * NIS2's final report is due one month after the notification: from Saturday 31 January 10:00 to Saturday 28
     * February, a non-working day, so it may be submitted until the end of Monday 2 March (Berlin). A submission at
     * that last instant, given to the nanosecond, is on time in both views; a microsecond later it is late in both.
     */
    @ParameterizedTest
    @CsvSource({
            "2026-03-02T23:59:59.999999999+01:00, MET",
            "2026-03-02T23:59:59.999999+01:00,    MET",
            "2026-03-03T00:00:00.000000+01:00,    LATE"
    })
    void atTheGraceInstantOfAMonthPeriodTheIncidentsObligationsAndTheObligationListAgree(String submittedAt,
                                                                                         String status) {
        String id = report("Validator keys exported", "HIGH", "2026-01-28T09:00:00Z", "2026-01-29T09:00:00Z");
        act(id, "compliance/classifications", "{\"classification\":\"NIS2_SIGNIFICANT\","
                + "\"classifiedAt\":\"2026-01-29T10:00:00Z\",\"rationale\":\"essential entity, service down\"}");
        act(id, "compliance/submissions", "{\"stage\":\"NIS2_NOTIFICATION\","
                + "\"submittedAt\":\"2026-01-31T10:00:00+01:00\",\"authorityReference\":\"BSI-N-1\"}");
        act(id, "compliance/submissions", "{\"stage\":\"NIS2_FINAL\",\"submittedAt\":\"" + submittedAt
                + "\",\"authorityReference\":\"BSI-F-1\"}");

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode incident = ok(api().get("regulator", "/api/compliance/incidents/" + id + "/obligations")).json();
            JsonNode perIncident = stage(incident.path("obligations"), id, "NIS2_FINAL");
            JsonNode list = ok(api().get("regulator", "/api/compliance/obligations?regime=NIS2"
                    + "&from=2026-02-28T00:00:00Z&to=2026-03-01T00:00:00Z&size=500")).json();
            JsonNode listed = stage(list.path("items"), id, "NIS2_FINAL");
            assertThat(perIncident.path("status").asString()).as("per-incident view").isEqualTo(status);
            assertThat(listed.path("status").asString()).as("obligation list").isEqualTo(status);
            assertThat(listed.path("submittedAt").asString()).isEqualTo(perIncident.path("submittedAt").asString());
            assertThat(perIncident.path("graceUntil").asString()).isEqualTo("2026-03-02T22:59:59.999999Z");
            assertThat(listed.path("graceUntil").asString()).isEqualTo("2026-03-02T22:59:59.999999Z");
        });
    }

    private static JsonNode stage(JsonNode obligations, String incidentId, String stage) {
        for (JsonNode obligation : obligations) {
            boolean ofIncident = !obligation.has("incidentId")
                    || obligation.path("incidentId").asString().equals(incidentId);
            if (ofIncident && obligation.path("stage").asString().equals(stage)) {
                return obligation;
            }
        }
        throw new AssertionError("no " + stage + " of " + incidentId + " in " + obligations);
    }

    // --- audit trail ---

    @Test
    void theAuditTrailShowsEveryEventWithItsStoredHashAndAProofThatResolvesOnceTheLogAdmittedIt() {
        String id = report("Custody API key in a public gist", "HIGH", null, null);
        expectNoContent(api().post("commander", "/api/incidents/" + id + "/acknowledgement", null));
        expectNoContent(api().post("commander", "/api/incidents/" + id + "/notes", "{\"text\":\"paged custody\"}"));

        JsonNode trail = ok(api().get("regulator", "/api/compliance/incidents/" + id + "/audit-trail")).json();

        assertThat(trail.path("incidentId").asString()).isEqualTo(id);
        List<StoredEvent> stored = storedEvents.ofAggregate(id);
        JsonNode events = trail.path("events");
        assertThat(events.size()).isEqualTo(stored.size()).isEqualTo(3);
        for (int i = 0; i < stored.size(); i++) {
            JsonNode event = events.get(i);
            StoredEvent expected = stored.get(i);
            assertThat(event.path("sequence").asLong()).isEqualTo(expected.sequenceNumber());
            assertThat(event.path("eventId").asString()).isEqualTo(expected.eventIdentifier());
            assertThat(event.path("entryHash").asString()).isEqualTo(HEX.formatHex(expected.entryHash()));
            assertThat(event.path("previousHash").asString()).isEqualTo(HEX.formatHex(expected.previousHash()));
            assertThat(event.path("recordedAt").asString()).isEqualTo(expected.timeStamp());
            assertThat(event.path("actor").asString()).isEqualTo("commander");
            assertThat(event.path("actorType").asString()).isEqualTo("USER");
            assertThat(event.path("actorRoles").asString()).isEqualTo("COMMANDER");
            assertThat(event.path("inclusionProof").asString())
                    .isEqualTo("/api/ledger/proofs/inclusion?eventId=" + expected.eventIdentifier());
        }
        assertThat(events).extracting(event -> event.path("type").asString())
                .containsExactly("IncidentReported", "IncidentAcknowledged", "NoteAdded");
        assertThat(events.get(0).path("summary").asString()).startsWith("Reported HIGH OTHER incident");
        assertThat(events.get(2).path("summary").asString()).isEqualTo("Note: paged custody");

        // once admitted and covered by a signed checkpoint, every link answers with the proof of that very event
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode admitted = ok(api().get("commander", "/api/compliance/incidents/" + id + "/audit-trail")).json();
            for (JsonNode event : admitted.path("events")) {
                assertThat(event.path("leafIndex").isNumber()).as("leaf of %s", event).isTrue();
                Response proof = api().get("regulator", event.path("inclusionProof").asString());
                assertThat(proof.status()).as(proof.body()).isEqualTo(200);
                assertThat(proof.json().path("leafData").asString()).isEqualTo(event.path("entryHash").asString());
                assertThat(proof.json().path("leafIndex").asLong()).isEqualTo(event.path("leafIndex").asLong());
            }
        });
    }

    @Test
    void theAuditTrailOfAnUnknownIncidentIsA404() {
        Response unknown = api().get("regulator",
                "/api/compliance/incidents/11111111-2222-4333-8444-555555555555/audit-trail");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("incident-not-found");
    }

    @Test
    void respondersAndDetectorsMayNotReadTheComplianceViewsAndAnonymousCallersAreChallenged() {
        String id = report("Role check", "LOW", null, null);
        for (String path : List.of("/api/compliance/incidents/" + id + "/audit-trail", "/api/compliance/metrics",
                "/api/compliance/access-log")) {
            assertThat(api().get("responder", path).status()).as(path).isEqualTo(403);
            assertThat(api().get("detector", path).status()).as(path).isEqualTo(403);
            assertThat(api().get(null, path).status()).as(path).isEqualTo(401);
        }
    }

    // --- access log ---

    @Test
    void readsOfAnIncidentAreRecordedInTheLedgerAndListedInTheAccessLog() {
        String id = report("Withdrawal signer compromised", "HIGH", null, null);
        Instant before = Instant.now();

        ok(api().get("regulator", "/api/compliance/incidents/" + id + "/audit-trail"));
        ok(api().get("regulator", "/api/incidents/" + id));
        ok(api().get("commander", "/api/compliance/incidents/" + id + "/audit-trail"));
        // a commander's read of the incident itself is the team's daily work, not an access to record
        ok(api().get("commander", "/api/incidents/" + id));
        assertThat(api().get("regulator", "/api/incidents/7d1b2c3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d").status())
                .isEqualTo(404);

        // the reads are events of the incident's access log, each naming its reader, chained like every other
        List<StoredEvent> reads = storedEvents.ofAggregate("access-log:" + id);
        assertThat(reads).hasSize(3);
        assertThat(reads).extracting(StoredEvent::payloadType).containsOnly(
                "io.incidentledger.compliance.access.api.IncidentRead");
        assertThat(new String(reads.get(0).metaData())).contains("\"actor\":\"regulator\"");
        for (StoredEvent read : reads) {
            assertThat(read.entryHash()).isEqualTo(read.expectedHash());
        }
        assertThat(reads.get(1).previousHash()).isEqualTo(reads.get(0).entryHash());
        // the incident's own chain is untouched by its readers
        assertThat(storedEvents.ofAggregate(id)).hasSize(1);

        JsonNode log = awaitAccessLog("?incidentId=" + id, 3);
        assertThat(log.path("items")).extracting(item -> item.path("reader").asString() + " " + item.path("view")
                .asString()).containsExactly("commander audit-trail", "regulator incident", "regulator audit-trail");
        JsonNode newest = log.path("items").get(0);
        assertThat(newest.path("incidentId").asString()).isEqualTo(id);
        assertThat(newest.path("readerRoles").get(0).asString()).isEqualTo("COMMANDER");
        assertThat(newest.path("readerType").asString()).isEqualTo("USER");
        assertThat(Instant.parse(newest.path("readAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(newest.path("eventId").asString()).isEqualTo(reads.get(2).eventIdentifier());

        JsonNode regulatorsOnly = ok(api().get("admin", "/api/compliance/access-log?incidentId=" + id
                + "&reader=regulator")).json();
        assertThat(regulatorsOnly.path("totalItems").asLong()).isEqualTo(2);
        JsonNode beforeTheReads = ok(api().get("regulator", "/api/compliance/access-log?incidentId=" + id
                + "&to=" + before.minusSeconds(1))).json();
        assertThat(beforeTheReads.path("totalItems").asLong()).isZero();

        // admitted to the Merkle log like every event, and the store still verifies
        await().atMost(WAIT).until(() -> ledgerLog.leavesOfAggregate("access-log:" + id).size() == 3);
        assertThat(verification.verifyAggregate("access-log:" + id).intact()).isTrue();
    }

    // --- metrics ---

    @Test
    void metricsOnAConstructedSetOfIncidentsAreWhatTheyAreByHand() {
        MetricsSet set = constructMetricsSet(2020);
        String window = "?from=2020-01-01T00:00:00Z&to=2020-03-01T00:00:00Z";

        JsonNode all = awaitMetrics(window, groups -> groups.size() == 2
                && groups.get(0).path("incidents").asLong() == 3
                && groups.get(0).path("timeToResolve").path("count").asLong() == 2);
        assertThat(all.path("percentileMethod").asString()).isEqualTo("nearest-rank");
        JsonNode high = all.path("groups").get(0);
        assertThat(high.path("severity").asString()).isEqualTo("HIGH");
        assertThat(high.path("period").isNull()).isTrue();
        // detect: A 3600, C 1200 (B's occurrence unknown)
        assertStatistics(high.path("timeToDetect"), 2, 2400, 1200, 3600);
        // contain: A 1800, B 600, C 10800 (its first containment; the one after reopening does not count)
        assertStatistics(high.path("timeToContain"), 3, 4400, 1800, 10800);
        // resolve: A 14400, C 172800 (the resolution that stands, after reopening); B is not resolved
        assertStatistics(high.path("timeToResolve"), 2, 93600, 14400, 172800);
        // acknowledge: recording times of A and C, from the stored timestamps
        double ackA = seconds(set.acknowledgedA());
        double ackC = seconds(set.acknowledgedC());
        JsonNode acknowledge = high.path("timeToAcknowledge");
        assertThat(acknowledge.path("count").asLong()).isEqualTo(2);
        assertThat(acknowledge.path("meanSeconds").asDouble()).isCloseTo((ackA + ackC) / 2,
                offset(0.0011));
        assertThat(acknowledge.path("medianSeconds").asDouble()).isEqualTo(Math.min(ackA, ackC));
        assertThat(acknowledge.path("p90Seconds").asDouble()).isEqualTo(Math.max(ackA, ackC));

        JsonNode medium = all.path("groups").get(1);
        assertThat(medium.path("severity").asString()).isEqualTo("MEDIUM");
        assertStatistics(medium.path("timeToDetect"), 1, 7200, 7200, 7200);

        JsonNode byHighest = ok(api().get("regulator", "/api/compliance/metrics" + window
                + "&basis=highest")).json();
        assertThat(byHighest.path("groups")).extracting(group -> group.path("severity").asString())
                .containsExactly("CRITICAL", "HIGH");

        JsonNode byMonth = ok(api().get("regulator", "/api/compliance/metrics" + window
                + "&period=month")).json();
        assertThat(byMonth.path("groups")).extracting(group -> group.path("period").asString() + " "
                + group.path("severity").asString() + " " + group.path("incidents").asLong())
                .containsExactly("2020-01 HIGH 3", "2020-02 MEDIUM 1");
    }

    // --- replay ---

    @Test
    void replayingTheComplianceProjectionsFromZeroRebuildsTheSameAccessLogAndMetrics() {
        constructMetricsSet(2021);
        String window = "?from=2021-01-01T00:00:00Z&to=2021-03-01T00:00:00Z";
        String id = report("Replay probe", "MEDIUM", null, null);
        ok(api().get("regulator", "/api/compliance/incidents/" + id + "/audit-trail"));
        awaitAccessLog("?incidentId=" + id, 1);
        JsonNode metricsBefore = awaitMetrics(window,
                groups -> groups.size() == 2 && groups.get(0).path("timeToResolve").path("count").asLong() >= 2);
        Map<String, List<Map<String, Object>>> before = views();
        assertThat(before.get("metrics")).isNotEmpty();
        assertThat(before.get("accessLog")).isNotEmpty();

        // damage both views, so that only a real replay brings them back
        jdbc.update("UPDATE compliance_incident_metrics SET severity = 'LOW', contained_at = NULL");
        jdbc.update("DELETE FROM compliance_access_log WHERE incident_id = ?", id);
        assertThat(views()).isNotEqualTo(before);

        replay(ResponseMetricsProjection.PROCESSING_GROUP);
        replay(AccessLogProjection.PROCESSING_GROUP);

        await().atMost(WAIT).untilAsserted(() -> assertThat(views()).isEqualTo(before));
        assertThat(ok(api().get("regulator", "/api/compliance/metrics" + window)).json())
                .isEqualTo(metricsBefore);
    }

    // --- the constructed set ---------------------------------------------------------------------------------------

    /** The recording times that acknowledgement is measured between, for A and C. */
    record MetricsSet(Duration acknowledgedA, Duration acknowledgedC) {
    }

    /**
     * A, B, C: HIGH in January 2020; D: LOW, escalated to CRITICAL, de-escalated to MEDIUM, in February 2020; E:
     * CRITICAL but dismissed; F: detected just before the window. Category OTHER has no playbook, so no saga
     * contains anything on its own.
     */
    private MetricsSet constructMetricsSet(int year) {
        String a = report("A", "HIGH", year + "-01-10T00:00:00Z", year + "-01-10T01:00:00Z");
        act(a, "acknowledgement", null);
        triage(a, year + "-01-10T01:10:00Z");
        act(a, "containment", json("containedAt", year + "-01-10T01:30:00Z"));
        act(a, "resolution", json("resolvedAt", year + "-01-10T05:00:00Z"));

        String b = report("B", "HIGH", null, year + "-01-15T00:00:00Z");
        act(b, "containment", json("containedAt", year + "-01-15T00:10:00Z"));

        String c = report("C", "HIGH", year + "-01-20T00:00:00Z", year + "-01-20T00:20:00Z");
        act(c, "acknowledgement", null);
        triage(c, year + "-01-20T00:30:00Z");
        act(c, "containment", json("containedAt", year + "-01-20T03:20:00Z"));
        act(c, "resolution", json("resolvedAt", year + "-01-21T00:00:00Z"));
        act(c, "reopening", "{\"reason\":\"the attacker came back\"}");
        act(c, "containment", json("containedAt", year + "-01-21T12:00:00Z"));
        act(c, "resolution", json("resolvedAt", year + "-01-22T00:20:00Z"));

        String d = report("D", "LOW", year + "-02-02T22:00:00Z", year + "-02-03T00:00:00Z");
        act(d, "escalation", "{\"severity\":\"CRITICAL\",\"reason\":\"funds moving\"}");
        act(d, "de-escalation", "{\"severity\":\"MEDIUM\",\"reason\":\"funds frozen by the bridge\"}");

        String e = report("E", "CRITICAL", null, year + "-01-05T00:00:00Z");
        act(e, "dismissal", "{\"reason\":\"a drill\"}");

        report("F", "HIGH", (year - 1) + "-12-31T23:00:00Z", (year - 1) + "-12-31T23:59:59Z");

        return new MetricsSet(acknowledgement(a), acknowledgement(c));
    }

    /** A phase's body: its business time, and a summary (which a resolution requires). */
    private static String json(String timeField, String time) {
        return "{\"%s\":\"%s\",\"summary\":\"done\"}".formatted(timeField, time);
    }

    private Duration acknowledgement(String id) {
        List<StoredEvent> events = storedEvents.ofAggregate(id);
        Instant reported = Instant.parse(events.get(0).timeStamp());
        Instant acknowledged = events.stream().filter(event -> event.payloadType().endsWith("IncidentAcknowledged"))
                .map(event -> Instant.parse(event.timeStamp())).findFirst().orElseThrow();
        return Duration.between(reported, acknowledged);
    }

    private String report(String title, String severity, String occurredAt, String detectedAt) {
        StringBuilder body = new StringBuilder("{\"title\":\"" + title + "\",\"severity\":\"" + severity
                + "\",\"category\":\"OTHER\"");
        if (occurredAt != null) {
            body.append(",\"occurredAt\":\"").append(occurredAt).append('"');
        }
        if (detectedAt != null) {
            body.append(",\"detectedAt\":\"").append(detectedAt).append('"');
        }
        Response response = api().post("commander", "/api/incidents", body.append('}').toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("incidentId").asString();
    }

    private void triage(String id, String classifiedAt) {
        act(id, "triage", "{\"severity\":\"HIGH\",\"category\":\"OTHER\",\"classifiedAt\":\"" + classifiedAt + "\"}");
    }

    private void act(String id, String action, String body) {
        expectNoContent(api().post("commander", "/api/incidents/" + id + "/" + action, body));
    }

    private JsonNode awaitAccessLog(String query, int items) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            found[0] = ok(api().get("regulator", "/api/compliance/access-log" + query)).json();
            return found[0].path("totalItems").asLong() == items;
        });
        return found[0];
    }

    private JsonNode awaitMetrics(String query, Predicate<List<JsonNode>> ready) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            found[0] = ok(api().get("regulator", "/api/compliance/metrics" + query)).json();
            List<JsonNode> groups = new ArrayList<>();
            found[0].path("groups").forEach(groups::add);
            return ready.test(groups);
        });
        return found[0];
    }

    private Map<String, List<Map<String, Object>>> views() {
        return Map.of(
                "metrics", jdbc.queryForList("SELECT * FROM compliance_incident_metrics ORDER BY incident_id"),
                "accessLog", jdbc.queryForList("SELECT * FROM compliance_access_log ORDER BY event_id"));
    }

    private void replay(String processingGroup) {
        TrackingEventProcessor processor = eventProcessing
                .eventProcessor(processingGroup, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private static void assertStatistics(JsonNode statistics, long count, double mean, double median, double p90) {
        assertThat(statistics.path("count").asLong()).isEqualTo(count);
        assertThat(statistics.path("meanSeconds").asDouble()).isEqualTo(mean);
        assertThat(statistics.path("medianSeconds").asDouble()).isEqualTo(median);
        assertThat(statistics.path("p90Seconds").asDouble()).isEqualTo(p90);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static void expectNoContent(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }
}
