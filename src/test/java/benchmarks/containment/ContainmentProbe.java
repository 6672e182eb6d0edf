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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import benchmarks.harness.ServedApplication;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Detection → key revoked, one unit at a time, for the key-compromise playbook: registers a fresh signing key with
 * its own address ({@code POST /api/assets/signing-keys} as {@code admin}), waits until the application is idle (the
 * asset register knows the key), then sends a {@code KEY_COMPROMISE} detection naming that address
 * ({@code POST /api/detections} as {@code detector}) and waits for the key's {@code SigningKeyRevoked}. The containment
 * saga in between adds the key to the incident and requests {@code REVOKE_KEY}; its step executor then calls the
 * key-management port (dry run, or the signed webhook to the {@link KeyManagementReceiver}) on a thread of its own and
 * has the key record the revocation.
 *
 * <p>Figures per unit, in nanoseconds, all on this machine's clock:
 * <ul>
 *   <li>{@code receivedToStored}: the detection's {@code receivedAt} (in the incident's {@code DetectionAttached}) →
 *       the {@code time_stamp} of the key's {@code SigningKeyRevoked} in {@code domain_event_entry}: the figure the
 *       250 ms aim is about;</li>
 *   <li>{@code sendToStored}: just before the client sends → that {@code time_stamp}: what a detector sees;</li>
 *   <li>{@code receivedToCommitted}: {@code receivedAt} → the commit of the transaction storing it
 *       ({@link CommitWatch}): the {@code time_stamp} is taken when the key applies the event, a little before;</li>
 *   <li>{@code detectionRoundTrip}: the detection request's round trip (answered once the incident is stored);</li>
 *   <li>{@code stage:*}, from the stored {@code time_stamp}s: {@code receivedToIncident} (→ the incident's first
 *       event), {@code incidentToAssetAdded} (→ {@code AffectedAssetsAdded}), {@code assetAddedToRevokeRequested}
 *       (→ the {@code REVOKE_KEY} step's {@code ContainmentStepRequested}), {@code revokeRequestedToRevoked}
 *       (→ {@code SigningKeyRevoked}, the port's call included), and with the webhook
 *       {@code revokeRequestedToWebhook} / {@code webhookToRevoked}, split where the request reached the receiver;</li>
 *   <li>{@code applied:<event>} and {@code committed:<event>}: {@code receivedAt} → each event of the chain applied
 *       ({@code time_stamp}) and committed, for the events the saga's round trips go through, numbered in the order
 *       it produces them.</li>
 * </ul>
 * After the revocation it waits for the application to be idle again (the saga goes on to record the step and contain
 * the incident), so that no unit pays for the previous one's tail.
 */
final class ContainmentProbe implements Probe {

    private final String name;
    private final ServedApplication application;
    private final KeyManagementReceiver receiver;
    private final CommitWatch watch;
    private final ApiCalls api;
    private final long run = System.currentTimeMillis();
    private final long revocationTimeoutMillis;
    private final long idleTimeoutMillis;

    /** @param receiver where the webhook goes, for the split of the step's time; null for the dry run */
    ContainmentProbe(String name, ServedApplication application, KeyManagementReceiver receiver,
                     CommitWatch watch, long revocationTimeoutMillis, long idleTimeoutMillis) {
        this.name = name;
        this.application = application;
        this.receiver = receiver;
        this.watch = watch;
        this.api = new ApiCalls(application.port());
        this.revocationTimeoutMillis = revocationTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Long> measureOne(int unit) throws Exception {
        String key = "bench-" + name + "-" + run + "-" + (unit < 0 ? "w" + -unit : Integer.toString(unit));
        // 40 hex digits, unique per run and unit, so each detection names exactly its own key
        String address = String.format("0x%024x%016x", run, unit & 0xffffffffL | (unit < 0 ? 1L << 40 : 0));
        api.send(api.post("admin", "/api/assets/signing-keys", "{\"name\":\"" + key + "\",\"purpose\":\"HOT_WALLET\","
                + "\"chain\":\"ethereum\",\"address\":\"" + address + "\"}"), 201);
        if (!application.awaitIdle(idleTimeoutMillis)) {
            throw new IllegalStateException(name + ": the application did not become idle after registering " + key);
        }

        CompletableFuture<Instant> committed = watch.revocationOf(key);
        String body = "{\"source\":\"bench\",\"sourceAlertId\":\"containment-" + key + "\","
                + "\"name\":\"Hot wallet key used from an unknown host\",\"severity\":\"HIGH\","
                + "\"category\":\"KEY_COMPROMISE\",\"chainId\":\"1\",\"addresses\":[\"" + address + "\"],"
                + "\"correlationKey\":\"bench-containment:" + key + "\"}";
        HttpRequest request = api.post("detector", "/api/detections", body);
        Instant sent = Instant.now();
        long begin = System.nanoTime();
        HttpResponse<String> response = api.send(request, 201);
        long roundTrip = System.nanoTime() - begin;
        String incidentId = ApiCalls.JSON.readTree(response.body()).path("incidentId").asText();
        Instant commit;
        try {
            commit = committed.get(revocationTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + ": key " + key + " was not revoked within " + revocationTimeoutMillis
                    + " ms of the detection (incident " + incidentId + ")");
        }

        Stored stored = read(incidentId, key);
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("receivedToStored", nanos(stored.received, stored.revoked.applied));
        figures.put("sendToStored", nanos(sent, stored.revoked.applied));
        figures.put("receivedToCommitted", nanos(stored.received, commit));
        figures.put("detectionRoundTrip", roundTrip);
        figures.put("stage:receivedToIncident", nanos(stored.received, stored.incident.applied));
        figures.put("stage:incidentToAssetAdded", nanos(stored.incident.applied, stored.assetAdded.applied));
        figures.put("stage:assetAddedToRevokeRequested", nanos(stored.assetAdded.applied,
                stored.revokeRequested.applied));
        figures.put("stage:revokeRequestedToRevoked", nanos(stored.revokeRequested.applied, stored.revoked.applied));
        if (receiver != null) {
            Instant arrived = receiver.arrivalOf(stored.revokeStepId);
            if (arrived == null) {
                throw new IllegalStateException(name + ": the receiver never got step " + stored.revokeStepId);
            }
            figures.put("stage:revokeRequestedToWebhook", nanos(stored.revokeRequested.applied, arrived));
            figures.put("stage:webhookToRevoked", nanos(arrived, stored.revoked.applied));
        }
        for (Map.Entry<String, Event> event : stored.chain().entrySet()) {
            figures.put("applied:" + event.getKey(), nanos(stored.received, event.getValue().applied));
            if (event.getValue().committed != null) {
                figures.put("committed:" + event.getKey(), nanos(stored.received, event.getValue().committed));
            }
        }
        if (!application.awaitIdle(idleTimeoutMillis)) {
            throw new IllegalStateException(name + ": the application did not become idle after incident "
                    + incidentId);
        }
        watch.clear();
        return figures;
    }

    /** One event of the chain: when its aggregate applied it (its time_stamp), and when it was committed. */
    private record Event(Instant applied, Instant committed) {
    }

    /** The events of one unit that the chain from detection to revocation goes through. */
    private static final class Stored {
        Instant received;
        Event incident;
        Event notifyRequested;
        String notifyStepId;
        Event assetAdded;
        Event notifyExecuted;
        Event revokeRequested;
        String revokeStepId;
        Event revoked;

        /** In the order the saga normally produces them; a missing one is left out. */
        Map<String, Event> chain() {
            Map<String, Event> chain = new LinkedHashMap<>();
            chain.put("1-IncidentReported+DetectionAttached", incident);
            chain.put("2-ContainmentStepRequested(NOTIFY)", notifyRequested);
            chain.put("3-AffectedAssetsAdded", assetAdded);
            chain.put("4-ContainmentStepExecuted(NOTIFY)", notifyExecuted);
            chain.put("5-ContainmentStepRequested(REVOKE_KEY)", revokeRequested);
            chain.put("6-SigningKeyRevoked", revoked);
            chain.values().removeIf(java.util.Objects::isNull);
            return chain;
        }
    }

    private Stored read(String incidentId, String key) throws Exception {
        Stored stored = new Stored();
        try (Connection connection = application.dataSource().getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT payload_type, time_stamp, payload,"
                    + " event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " ORDER BY sequence_number")) {
                query.setString(1, incidentId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String type = row.getString(1);
                        Event event = new Event(Instant.parse(row.getString(2)), watch.takeCommitOf(row.getString(4)));
                        if (stored.incident == null) {
                            stored.incident = event;
                        }
                        if (type.endsWith(".DetectionAttached") && stored.received == null) {
                            stored.received = ApiCalls.instant(payload(row).path("detection").path("receivedAt"));
                        } else if (type.endsWith(".AffectedAssetsAdded") && stored.assetAdded == null) {
                            stored.assetAdded = event;
                        } else if (type.endsWith(".ContainmentStepRequested")) {
                            JsonNode requested = payload(row);
                            String action = requested.path("action").asText();
                            if ("REVOKE_KEY".equals(action) && stored.revokeRequested == null) {
                                stored.revokeRequested = event;
                                stored.revokeStepId = requested.path("stepId").asText();
                            } else if ("NOTIFY".equals(action) && stored.notifyRequested == null) {
                                stored.notifyRequested = event;
                                stored.notifyStepId = requested.path("stepId").asText();
                            }
                        } else if (type.endsWith(".ContainmentStepExecuted") && stored.notifyExecuted == null
                                && payload(row).path("stepId").asText().equals(stored.notifyStepId)) {
                            stored.notifyExecuted = event;
                        }
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT time_stamp, event_identifier"
                    + " FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " AND payload_type LIKE '%SigningKeyRevoked'")) {
                query.setString(1, "signing-key:" + key);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        stored.revoked = new Event(Instant.parse(row.getString(1)),
                                watch.takeCommitOf(row.getString(2)));
                    }
                }
            }
        }
        if (stored.received == null || stored.assetAdded == null || stored.revokeRequested == null
                || stored.revoked == null) {
            throw new IllegalStateException(name + ": incident " + incidentId + " / key " + key + " lacks an event:"
                    + " receivedAt " + stored.received + ", AffectedAssetsAdded " + stored.assetAdded
                    + ", REVOKE_KEY requested " + stored.revokeRequested + ", SigningKeyRevoked " + stored.revoked);
        }
        return stored;
    }

    private static JsonNode payload(ResultSet row) throws Exception {
        return ApiCalls.JSON.readTree(new String(row.getBytes(3), StandardCharsets.UTF_8));
    }

    private static long nanos(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }
}
