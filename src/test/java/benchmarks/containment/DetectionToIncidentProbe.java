package benchmarks.containment;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import benchmarks.harness.ServedApplication;

/**
 * The baseline: detection received → the incident's first event stored, as the detection benchmark's
 * detection-to-incident latency measures it (one generic envelope of category {@code OTHER}, which no playbook
 * covers, with a new correlation key so that it opens an incident; 201 expected). Figures per unit, same clock:
 * {@code receivedToStored} (the detection's {@code receivedAt} → the {@code time_stamp} of the incident's event at
 * sequence 0), {@code sendToStored} (just before sending → that {@code time_stamp}), {@code receivedToCommitted}
 * (→ the commit of its transaction, seen by the {@link CommitWatch}; the {@code time_stamp} has millisecond
 * resolution, this microsecond) and {@code roundTrip}.
 */
final class DetectionToIncidentProbe implements Probe {

    private final ServedApplication application;
    private final CommitWatch watch;
    private final ApiCalls api;
    private final long run = System.currentTimeMillis();
    private final long idleTimeoutMillis;

    DetectionToIncidentProbe(ServedApplication application, CommitWatch watch, long idleTimeoutMillis) {
        this.application = application;
        this.watch = watch;
        this.api = new ApiCalls(application.port());
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public String name() {
        return "detection-to-incident";
    }

    @Override
    public Map<String, Long> measureOne(int unit) throws Exception {
        String body = "{\"source\":\"bench\",\"sourceAlertId\":\"baseline-" + run + "-" + unit + "\","
                + "\"name\":\"Bench latency probe\",\"severity\":\"HIGH\",\"category\":\"OTHER\","
                + "\"chainId\":\"1\",\"addresses\":[\"0x00000000000000000000000000000000000000" + "01\"],"
                + "\"correlationKey\":\"bench-baseline:" + run + ":" + unit + "\"}";
        HttpRequest request = api.post("detector", "/api/detections", body);
        Instant sent = Instant.now();
        long begin = System.nanoTime();
        HttpResponse<String> response = api.send(request, 201);
        long roundTrip = System.nanoTime() - begin;
        String incidentId = ApiCalls.JSON.readTree(response.body()).path("incidentId").asText();

        Instant stored = null;
        Instant committed = null;
        Instant received = null;
        try (Connection connection = application.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT time_stamp, payload, event_identifier FROM"
                     + " domain_event_entry WHERE aggregate_identifier = ? AND sequence_number <= 1"
                     + " ORDER BY sequence_number")) {
            query.setString(1, incidentId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    if (stored == null) {
                        stored = Instant.parse(row.getString(1));
                        committed = watch.takeCommitOf(row.getString(3));
                    }
                    if (received == null) {
                        received = ApiCalls.instant(ApiCalls.JSON.readTree(
                                new String(row.getBytes(2), StandardCharsets.UTF_8)).findValue("receivedAt"));
                    }
                }
            }
        }
        if (stored == null || committed == null || received == null) {
            throw new IllegalStateException("incident " + incidentId + " has no committed first event with a"
                    + " receivedAt");
        }
        // the saga starts on every incident: let it finish before the next unit, as after a containment unit
        if (!application.awaitIdle(idleTimeoutMillis)) {
            throw new IllegalStateException("the application did not become idle after incident " + incidentId);
        }
        watch.clear();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("receivedToStored", Duration.between(received, stored).toNanos());
        figures.put("sendToStored", Duration.between(sent, stored).toNanos());
        figures.put("receivedToCommitted", Duration.between(received, committed).toNanos());
        figures.put("roundTrip", roundTrip);
        return figures;
    }
}
