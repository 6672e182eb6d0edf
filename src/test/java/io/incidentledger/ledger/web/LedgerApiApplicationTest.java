package io.incidentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.ProofVerifier;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger API against the whole running application on H2, used as an outside auditor would: it trusts nothing
 * but the verifier key, verifies the signed checkpoints itself and checks every proof client-side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledger-api;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=" + LedgerApiApplicationTest.DIRECTORY + "/signing.key",
        "incident-ledger.ledger.witness-file=" + LedgerApiApplicationTest.DIRECTORY + "/witness.checkpoint"
})
class LedgerApiApplicationTest {

    static final String DIRECTORY = "target/test-ledger/api";
    private static final Duration LEDGER_WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    static {
        // the database is new on every run; a witness from an earlier run belongs to another log (start refused)
        try {
            Files.deleteIfExists(Path.of(DIRECTORY, "witness.checkpoint"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @LocalServerPort
    int port;


    /** A checkpoint whose note verified with the published key. */
    record Verified(String note, Checkpoint checkpoint) {
    }

    @Test
    void anAuditorVerifiesAnIncidentsEventsAndTheLogsHistoryWithNothingButThePublicKey() {
        Response key = get("regulator", "/api/ledger/public-key");
        assertThat(key.status()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(key.contentType()).isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
        NoteVerifier verifier = new NoteVerifier(key.body());

        String id = report("commander", "Hot wallet signing key exposed");
        expectNoContent(post("commander", "/api/incidents/" + id + "/acknowledgement", null));
        expectNoContent(post("commander", "/api/incidents/" + id + "/notes", "{\"text\":\"paged custody\"}"));

        Verified first = awaitCheckpointCovering(verifier, id, 3);
        List<JsonNode> events = events("regulator", id);

        // the events: sequence order, actor from the stored metadata, an unbroken hash chain
        assertThat(events).extracting(event -> event.path("type").asString())
                .containsExactly("IncidentReported", "IncidentAcknowledged", "NoteAdded");
        assertThat(events.get(0).path("payloadType").asString())
                .isEqualTo("io.incidentledger.incident.api.IncidentReported");
        assertThat(events.get(0).path("previousHash").asString()).isEqualTo("00".repeat(32));
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("sequence").asLong()).isEqualTo(i);
            assertThat(event.path("actor").asString()).isEqualTo("commander");
            assertThat(event.path("actorType").asString()).isEqualTo("USER");
            assertThat(event.path("actorRoles").asString()).isEqualTo("COMMANDER");
            assertThat(event.path("timestamp").asString()).isNotBlank();
            assertThat(event.path("entryHash").asString()).matches("[0-9a-f]{64}");
            if (i > 0) {
                assertThat(event.path("previousHash").asString())
                        .isEqualTo(events.get(i - 1).path("entryHash").asString());
            }
        }

        // every event is provably in the signed checkpoint
        for (JsonNode event : events) {
            String eventId = event.path("eventId").asString();
            JsonNode proof = ok(get("regulator", "/api/ledger/proofs/inclusion?eventId=" + eventId + "&treeSize="
                    + first.checkpoint().treeSize())).json();
            assertThat(proof.path("eventId").asString()).isEqualTo(eventId);
            assertThat(proof.path("aggregateIdentifier").asString()).isEqualTo(id);
            assertThat(proof.path("sequenceNumber").asLong()).isEqualTo(event.path("sequence").asLong());
            assertThat(proof.path("leafIndex").asLong()).isEqualTo(event.path("leafIndex").asLong());
            assertThat(proof.path("treeSize").asLong()).isEqualTo(first.checkpoint().treeSize());
            assertThat(proof.path("checkpoint").asString()).isEqualTo(first.note());
            assertThat(proof.path("leafData").asString()).isEqualTo(event.path("entryHash").asString());
            byte[] leafHash = MerkleHashes.leafHash(unhex(proof.path("leafData").asString()));
            assertThat(proof.path("leafHash").asString()).isEqualTo(HEX.formatHex(leafHash));
            assertThat(unhex(proof.path("rootHash").asString())).isEqualTo(first.checkpoint().rootHash());
            List<byte[]> path = hashes(proof.path("path"));

            assertThat(ProofVerifier.verifyInclusion(leafHash, proof.path("leafIndex").asLong(),
                    first.checkpoint().treeSize(), path, first.checkpoint().rootHash()))
                    .as("inclusion of %s", eventId).isTrue();
            // and the check is real: another leaf does not verify on the same path
            assertThat(ProofVerifier.verifyInclusion(MerkleHashes.leafHash(new byte[32]),
                    proof.path("leafIndex").asLong(), first.checkpoint().treeSize(), path,
                    first.checkpoint().rootHash())).isFalse();
        }

        // without a size, the proof is against the newest checkpoint, whose note comes with it
        JsonNode latest = ok(get("commander", "/api/ledger/proofs/inclusion?eventId="
                + events.get(2).path("eventId").asString())).json();
        Checkpoint latestCheckpoint = Checkpoint.parse(verifier.verify(latest.path("checkpoint").asString()));
        assertThat(latest.path("treeSize").asLong()).isEqualTo(latestCheckpoint.treeSize());
        assertThat(ProofVerifier.verifyInclusion(unhex(latest.path("leafHash").asString()),
                latest.path("leafIndex").asLong(), latestCheckpoint.treeSize(), hashes(latest.path("path")),
                latestCheckpoint.rootHash())).isTrue();

        // the log grows; the newer checkpoint is an append-only extension of the first
        String second = report("commander", "Phishing wave against the treasury team");
        Verified later = awaitCheckpointCovering(verifier, second, 1);
        assertThat(later.checkpoint().treeSize()).isGreaterThan(first.checkpoint().treeSize());
        JsonNode consistency = ok(get("admin", "/api/ledger/proofs/consistency?from="
                + first.checkpoint().treeSize() + "&to=" + later.checkpoint().treeSize())).json();
        assertThat(consistency.path("fromCheckpoint").asString()).isEqualTo(first.note());
        assertThat(consistency.path("toCheckpoint").asString()).isEqualTo(later.note());
        assertThat(unhex(consistency.path("fromRoot").asString())).isEqualTo(first.checkpoint().rootHash());
        assertThat(unhex(consistency.path("toRoot").asString())).isEqualTo(later.checkpoint().rootHash());
        List<byte[]> consistencyPath = hashes(consistency.path("path"));
        assertThat(ProofVerifier.verifyConsistency(first.checkpoint().treeSize(), later.checkpoint().treeSize(),
                first.checkpoint().rootHash(), later.checkpoint().rootHash(), consistencyPath)).isTrue();
        assertThat(ProofVerifier.verifyConsistency(first.checkpoint().treeSize(), later.checkpoint().treeSize(),
                later.checkpoint().rootHash(), later.checkpoint().rootHash(), consistencyPath)).isFalse();

        // the service's own verification agrees
        JsonNode incident = ok(get("regulator", "/api/ledger/verification?incidentId=" + id)).json();
        assertThat(incident.path("intact").asBoolean()).isTrue();
        assertThat(incident.path("eventsChecked").asLong()).isEqualTo(3);
        assertThat(incident.path("leavesChecked").asLong()).isEqualTo(3);
        assertThat(incident.path("findings").isEmpty()).isTrue();
        JsonNode store = ok(get("regulator", "/api/ledger/verification")).json();
        assertThat(store.path("intact").asBoolean()).as("whole store: %s", store).isTrue();
        assertThat(store.path("eventsChecked").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void errorsAndRolesAgainstTheRunningApplication() {
        String id = report("responder", "Node compromise suspected");

        expectProblem(get("responder", "/api/incidents/" + id + "/events"), 403, "forbidden");
        expectProblem(get("detector", "/api/ledger/checkpoint"), 403, "forbidden");
        expectProblem(get(null, "/api/ledger/public-key"), 401, "unauthenticated");
        expectProblem(get("regulator", "/api/incidents/11111111-2222-4333-8444-555555555555/events"), 404,
                "incident-not-found");
        expectProblem(get("regulator", "/api/ledger/verification?incidentId=nope"), 404, "incident-not-found");
        expectProblem(get("regulator", "/api/ledger/proofs/inclusion?eventId=nope"), 404, "event-not-found");
        expectProblem(get("regulator", "/api/ledger/proofs/consistency?from=0&to=1"), 422, "invalid-tree-size");

        await().atMost(LEDGER_WAIT).until(() -> events("commander", id).get(0).hasNonNull("leafIndex"));
        String eventId = events("commander", id).get(0).path("eventId").asString();
        long size = events("commander", id).get(0).path("leafIndex").asLong();
        expectProblem(get("regulator", "/api/ledger/proofs/inclusion?eventId=" + eventId + "&treeSize=" + size), 422,
                "invalid-tree-size");
        expectProblem(get("regulator", "/api/ledger/proofs/inclusion?eventId=" + eventId + "&treeSize=1000000"),
                422, "invalid-tree-size");
    }

    /** Waits until all {@code count} events of the incident are leaves of a signed checkpoint, and verifies it. */
    private Verified awaitCheckpointCovering(NoteVerifier verifier, String incidentId, int count) {
        List<Verified> found = new ArrayList<>();
        await().atMost(LEDGER_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> events = events("regulator", incidentId);
            if (events.size() < count || events.stream().anyMatch(event -> !event.hasNonNull("leafIndex"))) {
                return false;
            }
            long highestLeaf = events.stream().mapToLong(event -> event.path("leafIndex").asLong()).max()
                    .orElseThrow();
            Response checkpoint = get("regulator", "/api/ledger/checkpoint");
            if (checkpoint.status() != 200) {
                assertThat(checkpoint.status()).isEqualTo(404);
                return false;
            }
            Checkpoint parsed = Checkpoint.parse(verifier.verify(checkpoint.body()));
            if (parsed.treeSize() <= highestLeaf) {
                return false;
            }
            found.add(new Verified(checkpoint.body(), parsed));
            return true;
        });
        Verified verified = found.get(found.size() - 1);
        assertThat(MediaType.parseMediaType(get("regulator", "/api/ledger/checkpoint").contentType()).getCharset())
                .isEqualTo(StandardCharsets.UTF_8);
        return verified;
    }

    private List<JsonNode> events(String user, String incidentId) {
        Response response = ok(get(user, "/api/incidents/" + incidentId + "/events"));
        List<JsonNode> events = new ArrayList<>();
        response.json().forEach(events::add);
        return events;
    }

    private String report(String user, String title) {
        Response response = post(user, "/api/incidents", """
                {"title":"%s","severity":"HIGH","category":"DATA_BREACH"}""".formatted(title));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("incidentId").asString();
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(node -> hashes.add(unhex(node.asString())));
        return hashes;
    }

    private static byte[] unhex(String hex) {
        assertThat(hex).matches("([0-9a-f]{2})+");
        return HEX.parseHex(hex);
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(response.contentType()).isCompatibleWith(MediaType.APPLICATION_JSON))
                .isTrue();
        return response;
    }

    private static void expectNoContent(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private static void expectProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.json().path("code").asString()).isEqualTo(code);
    }

    private Response get(String user, String path) {
        return new ApiClient(port).get(user, path);
    }

    private Response post(String user, String path, String json) {
        return new ApiClient(port).post(user, path, json);
    }

}
