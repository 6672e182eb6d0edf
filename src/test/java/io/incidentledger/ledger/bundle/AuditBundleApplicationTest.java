package io.incidentledger.ledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.offline.OfflineVerifier;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import io.incidentledger.testing.OfflineRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The audit bundle of an incident, exported by the running application and verified offline. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:audit-bundle;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/bundle/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/bundle/witness.checkpoint"
})
class AuditBundleApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path OUTPUT = Path.of("target/test-ledger/bundle");

    @LocalServerPort
    int port;

    @Autowired
    CheckpointSigner checkpointSigner;

    @Autowired
    StoredEvents storedEvents;

    /**
     * The witness file outlives the in-memory database between runs; a stale one belongs to another log, and the
     * application would refuse to start. Runs before the application context starts.
     */
    @BeforeAll
    static void forgetTheWitnessOfAnEarlierRun() throws IOException {
        Files.deleteIfExists(OUTPUT.resolve("witness.checkpoint"));
    }

    @Test
    void anIncidentsBundleHoldsEveryStoredEventExactlyAndVerifiesOfflineWithTheLogsKey() throws IOException {
        String id = reportAndWork();

        Response response = get("regulator", "/api/incidents/" + id + "/audit-bundle");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode bundle = JSON.readTree(response.body());
        assertThat(bundle.path("format").asString()).isEqualTo("incident-ledger-audit-bundle/v1");
        assertThat(bundle.path("incidentId").asString()).isEqualTo(id);
        assertThat(bundle.path("verifierKey").asString()).isEqualTo(checkpointSigner.verifierKey());
        assertThat(bundle.path("eventsNotYetInCheckpoint").asInt()).isZero();
        List<StoredEvent> stored = storedEvents.ofAggregate(id);
        assertThat(bundle.path("events").size()).isEqualTo(stored.size()).isEqualTo(5);
        for (int i = 0; i < stored.size(); i++) {
            JsonNode event = bundle.path("events").get(i);
            StoredEvent expected = stored.get(i);
            assertThat(event.path("sequenceNumber").asLong()).isEqualTo(expected.sequenceNumber());
            assertThat(event.path("timeStamp").asString()).isEqualTo(expected.timeStamp());
            assertThat(Base64.getDecoder().decode(event.path("payload").asString())).isEqualTo(expected.payload());
            assertThat(Base64.getDecoder().decode(event.path("metaData").asString())).isEqualTo(expected.metaData());
            assertThat(event.path("entryHash").asString()).isEqualTo(HexFormat.of().formatHex(expected.entryHash()));
            assertThat(event.path("tlogProof").asString()).startsWith("c2sp.org/tlog-proof@v1\nindex ")
                    .endsWith(bundle.path("checkpoint").path("note").asString());
        }
        Path file = save("bundle-" + id + ".json", response.body());

        OfflineRun verified = verify(file.toString(), "--public-key", checkpointSigner.verifierKey());

        assertThat(verified.exit()).as(verified.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(verified.out()).startsWith("VALID: incident " + id + ": 5 events");
    }

    @Test
    void aLaterBundleProvesItsCheckpointExtendsAnEarlierOne() throws IOException {
        String id = reportAndWork();
        JsonNode first = JSON.readTree(get("regulator", "/api/incidents/" + id + "/audit-bundle").body());
        long earlierSize = first.path("checkpoint").path("treeSize").asLong();
        Path earlier = save("earlier-" + id + ".checkpoint", first.path("checkpoint").path("note").asString());
        expectNoContent(post("responder", "/api/incidents/" + id + "/notes", "{\"text\":\"one more\"}"));

        Response later = get("commander", "/api/incidents/" + id + "/audit-bundle?consistencyFrom=" + earlierSize);

        assertThat(later.status()).as(later.body()).isEqualTo(200);
        JsonNode bundle = JSON.readTree(later.body());
        assertThat(bundle.path("events").size()).isEqualTo(6);
        assertThat(bundle.path("consistencyProof").path("fromSize").asLong()).isEqualTo(earlierSize);
        OfflineRun verified = verify(save("later-" + id + ".json", later.body()).toString(),
                "--public-key", checkpointSigner.verifierKey(), "--previous-checkpoint", earlier.toString());
        assertThat(verified.exit()).as(verified.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(verified.out()).contains("consistent with the previous checkpoint of tree size " + earlierSize);
    }

    @Test
    void aTamperedExportFailsOfflineAtTheAlteredEvent() throws IOException {
        String id = reportAndWork();
        ObjectNode bundle = (ObjectNode) JSON.readTree(get("admin", "/api/incidents/" + id + "/audit-bundle").body());
        ObjectNode third = (ObjectNode) bundle.path("events").get(2);
        byte[] payload = Base64.getDecoder().decode(third.path("payload").asString());
        payload[payload.length / 2] ^= 0x20;
        third.put("payload", Base64.getEncoder().encodeToString(payload));

        OfflineRun verified = verify(save("tampered-" + id + ".json", JSON.writeValueAsString(bundle)).toString(),
                "--public-key", checkpointSigner.verifierKey());

        assertThat(verified.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(verified.err()).contains("event sequence 2 ").contains("the event was altered");
    }

    @Test
    void unknownIncidentsAreNotFoundAndOnlyAuditorsMayExport() {
        Response unknown = get("regulator", "/api/incidents/00000000-0000-4000-8000-000000000000/audit-bundle");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("incident-not-found");

        String id = reportAndWork();
        assertThat(get("responder", "/api/incidents/" + id + "/audit-bundle").status()).isEqualTo(403);
        assertThat(get(null, "/api/incidents/" + id + "/audit-bundle").status()).isEqualTo(401);
        assertThat(get("regulator", "/api/incidents/" + id + "/audit-bundle?consistencyFrom=0").status())
                .isEqualTo(422);
    }

    // ----- a small HTTP client ----------------------------------------------------------------------------------

    private String reportAndWork() {
        Response reported = post("responder", "/api/incidents", """
                {"title":"Suspicious withdrawal","description":"large outflow","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = JSON.readTree(reported.body()).path("incidentId").asString();
        String path = "/api/incidents/" + id;
        expectNoContent(post("responder", path + "/acknowledgement", null));
        expectNoContent(post("responder", path + "/triage", """
                {"severity":"HIGH","category":"DATA_BREACH",
                 "affectedAssets":[{"type":"SIGNING_KEY","identifier":"hot-wallet-1"}]}"""));
        expectNoContent(post("responder", path + "/notes", "{\"text\":\"paged the custody team \u00e9\u2014\"}"));
        expectNoContent(post("responder", path + "/escalation",
                "{\"severity\":\"CRITICAL\",\"reason\":\"funds moving\"}"));
        return id;
    }

    private static void expectNoContent(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private Response get(String user, String path) {
        return new ApiClient(port).get(user, path);
    }

    private Response post(String user, String path, String json) {
        return new ApiClient(port).post(user, path, json);
    }

    private static OfflineRun verify(String... args) {
        return OfflineRun.of(args);
    }

    private static Path save(String name, String content) throws IOException {
        return OfflineRun.save(OUTPUT, name, content);
    }
}
