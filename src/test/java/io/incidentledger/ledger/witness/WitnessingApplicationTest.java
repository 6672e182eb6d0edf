package io.incidentledger.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.CosignatureVerifier;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.ledger.offline.OfflineVerifier;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log asks real witnesses, written in the test from the C2SP texts alone ({@link SpecWitness}), to cosign every
 * checkpoint: two answer, one is down, one is staged to hold a forked checkpoint. Quorum 2 of 4.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:witnessing;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/witnessing/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/witnessing/witness.checkpoint",
        "incident-ledger.ledger.checkpoint-interval=200ms",
        "incident-ledger.ledger.witnessing.quorum=2",
        "incident-ledger.ledger.witnessing.quorum-timeout=4s",
        "incident-ledger.ledger.witnessing.min-backoff=100ms",
        "incident-ledger.ledger.witnessing.max-backoff=1s",
        "incident-ledger.ledger.witnessing.request-timeout=2s",
        "incident-ledger.ledger.witnessing.bundle-wait=10s"
})
class WitnessingApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DIRECTORY = Path.of("target/test-ledger/witnessing");
    private static final String ORIGIN = "incident-ledger.local/log";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final NoteSigner LOG_KEY;
    private static final SpecWitness FIRST;
    private static final SpecWitness SECOND;
    private static final SpecWitness DOWN;
    private static final SpecWitness FORKED;

    static {
        try {
            // a fresh log each run: the key file and the witness file outlive the in-memory database
            Files.createDirectories(DIRECTORY);
            Files.deleteIfExists(DIRECTORY.resolve("witness.checkpoint"));
            Files.deleteIfExists(DIRECTORY.resolve("signing.key"));
            LOG_KEY = LedgerKeys.loadOrCreate(DIRECTORY.resolve("signing.key"), ORIGIN);
            FIRST = new SpecWitness("witness.example/first", LOG_KEY.verifierKey());
            SECOND = new SpecWitness("witness.example/second", LOG_KEY.verifierKey());
            DOWN = new SpecWitness("witness.example/down", LOG_KEY.verifierKey());
            DOWN.close();
            FORKED = new SpecWitness("witness.example/forked", LOG_KEY.verifierKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void witnesses(DynamicPropertyRegistry registry) {
        List<SpecWitness> all = List.of(FIRST, SECOND, DOWN, FORKED);
        for (int i = 0; i < all.size(); i++) {
            SpecWitness witness = all.get(i);
            registry.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].url", () -> witness.url().toString());
            registry.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].verifier-key", witness::verifierKey);
        }
    }

    @AfterAll
    static void stopWitnesses() {
        FIRST.close();
        SECOND.close();
        FORKED.close();
    }

    @LocalServerPort
    int port;

    @Test
    void everyNewCheckpointIsCosignedByTheWitnessesThatAnswerAndServedWithTheirLines() {
        report("Cosigned history");
        long size = newestCheckpointSize();

        String note = await().atMost(PATIENCE).until(() -> {
            Response witnessed = get("regulator", "/api/ledger/witnessed-checkpoint");
            return witnessed.status() == 200 && treeSize(witnessed.body()) >= size ? witnessed.body() : null;
        }, body -> body != null);

        SignedNote parsed = SignedNote.parse(note);
        assertThat(parsed.signatures()).hasSize(3);
        assertThat(cosignedBy(FIRST, parsed)).isTrue();
        assertThat(cosignedBy(SECOND, parsed)).isTrue();
        assertThat(FIRST.size()).isGreaterThanOrEqualTo(size);
        Response newest = get("regulator", "/api/ledger/checkpoint?treeSize=" + treeSize(note));
        assertThat(newest.body()).isEqualTo(note);

        JsonNode state = get("admin", "/api/ledger/witnesses").json();
        assertThat(state.path("quorum").asInt()).isEqualTo(2);
        assertThat(state.path("newestWitnessedSize").asLong()).isGreaterThanOrEqualTo(size);
        JsonNode down = witness(state, DOWN);
        assertThat(down.path("lastError").asString()).startsWith("no answer");
        assertThat(down.path("cosignedSize").asLong()).isZero();
        assertThat(witness(state, FIRST).path("lastSuccessAt").isNull()).isFalse();
    }

    @Test
    void theAuditBundleCarriesTheQuorumAndTheOfflineVerifierRequiresIt() throws IOException {
        String id = report("Bundle with cosignatures");

        Response response = get("regulator", "/api/incidents/" + id + "/audit-bundle");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode bundle = response.json();
        String note = bundle.path("checkpoint").path("note").asString();
        assertThat(cosignedBy(FIRST, SignedNote.parse(note))).isTrue();
        assertThat(cosignedBy(SECOND, SignedNote.parse(note))).isTrue();
        assertThat(bundle.path("events").get(0).path("tlogProof").asString()).endsWith(note);
        Path file = save("bundle-" + id + ".json", response.body());

        Verified quorum = verify(file, "--public-key", LOG_KEY.verifierKey(), "--witness", FIRST.verifierKey(),
                "--witness", SECOND.verifierKey(), "--quorum", "2");
        assertThat(quorum.exit()).as(quorum.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(quorum.out()).contains("cosigned by 2 of 2 trusted witnesses (witness.example/first, "
                + "witness.example/second), quorum 2");

        Verified short1 = verify(file, "--public-key", LOG_KEY.verifierKey(), "--witness", FIRST.verifierKey(),
                "--witness", SECOND.verifierKey(), "--witness", DOWN.verifierKey(), "--quorum", "3");
        assertThat(short1.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(short1.err()).contains("cosigned by 2 of the 3 trusted witnesses").contains("quorum of 3");

        Verified otherWitness = verify(file, "--public-key", LOG_KEY.verifierKey(), "--witness",
                DOWN.verifierKey());
        assertThat(otherWitness.exit()).isEqualTo(OfflineVerifier.INVALID);

        String forged = response.body().replace(cosignatureLine(FIRST, note), alteredLine(cosignatureLine(FIRST,
                note)));
        Verified altered = verify(save("altered-" + id + ".json", forged), "--public-key", LOG_KEY.verifierKey(),
                "--witness", FIRST.verifierKey(), "--witness", SECOND.verifierKey(), "--quorum", "1");
        assertThat(altered.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(altered.err()).contains("the cosignature of witness witness.example/first+")
                .contains("does not verify");
    }

    @Test
    void aWitnessThatLostItsStateIsBroughtBackFromTheSizeItNames() {
        report("Before the witness forgets");
        await().atMost(PATIENCE).until(() -> SECOND.size() > 0);
        SECOND.forget();

        report("After the witness forgot");
        long size = newestCheckpointSize();

        await().atMost(PATIENCE).until(() -> SECOND.size() >= size);
    }

    @Test
    void aWitnessHoldingAForkOfTheLogSignedWithItsKeyOpensACriticalIncident() {
        report("Before the fork");
        await().atMost(PATIENCE).until(() -> FORKED.size() > 0);
        long forkSize = newestCheckpointSize();
        byte[] otherRoot = new byte[32];
        new SecureRandom().nextBytes(otherRoot);
        // what an operator holding the key could show one witness: the same size, another history
        FORKED.hold(LOG_KEY.sign(new Checkpoint(ORIGIN, forkSize, otherRoot).toNoteText()));

        report("After the fork");

        String incident = WitnessAlarms.splitViewIncident("witness.example/forked", forkSize).value().toString();
        JsonNode opened = await().atMost(PATIENCE).until(() -> {
            Response found = get("commander", "/api/incidents/" + incident);
            return found.status() == 200 ? found.json() : null;
        }, json -> json != null);
        assertThat(opened.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(opened.path("category").asString()).isEqualTo("LEDGER_TAMPERING");
        JsonNode splitView = get("regulator", "/api/ledger/witnesses").json().path("splitViews").get(0);
        assertThat(splitView.path("witness").asString()).isEqualTo("witness.example/forked");
        assertThat(splitView.path("witnessTreeSize").asLong()).isEqualTo(forkSize);
        assertThat(splitView.path("detail").asString()).contains("root differs");
    }

    @Test
    void aWitnessThatRefusesWithoutEvidenceOfAForkIsAFailingWitnessNotATamperedLog() {
        report("Before the witness refuses");
        await().atMost(PATIENCE).until(() -> SECOND.size() > 0);
        SECOND.refuseCheckpointsWith(422);
        try {
            report("While the witness refuses");

            JsonNode second = await().atMost(PATIENCE).until(() -> witness(get("admin", "/api/ledger/witnesses")
                    .json(), SECOND), state -> state.path("lastError").asString("").contains("agrees with the log"));
            assertThat(second.path("lastError").asString()).startsWith("answered 422");
            assertThat(get("admin", "/api/ledger/witnesses").json().path("splitViews").toString())
                    .doesNotContain("witness.example/second");
        } finally {
            SECOND.refuseCheckpointsWith(0);
        }
    }

    @Test
    void checkpointsLeftWithoutTheirQuorumRaiseAnIncidentThroughTheAlerting() {
        report("Before the witnesses fail");
        long witnessed = await().atMost(PATIENCE).until(() -> get("admin", "/api/ledger/witnesses").json()
                .path("newestWitnessedSize").asLong(0), size -> size > 0);
        FIRST.failWith(503);
        SECOND.failWith(503);
        try {
            report("While the witnesses fail");
            long lastWitnessed = get("admin", "/api/ledger/witnesses").json().path("newestWitnessedSize").asLong();
            assertThat(lastWitnessed).isGreaterThanOrEqualTo(witnessed);

            String incident = WitnessAlarms.quorumLapseIncident(lastWitnessed).value().toString();
            JsonNode opened = await().atMost(PATIENCE).until(() -> {
                Response found = get("commander", "/api/incidents/" + incident);
                return found.status() == 200 ? found.json() : null;
            }, json -> json != null);
            assertThat(opened.path("severity").asString()).isEqualTo("HIGH");
            assertThat(opened.path("description").asString()).contains("2 of 4 witnesses")
                    .contains("HTTP 503");
        } finally {
            FIRST.failWith(0);
            SECOND.failWith(0);
        }
    }

    @Test
    void onlyAuditorsReadTheWitnessesState() {
        assertThat(get("responder", "/api/ledger/witnesses").status()).isEqualTo(403);
        assertThat(get(null, "/api/ledger/witnesses").status()).isEqualTo(401);
        assertThat(get("regulator", "/api/ledger/checkpoint?treeSize=999999999").status()).isEqualTo(404);
    }

    // ----- helpers ------------------------------------------------------------------------------------------------

    private static boolean cosignedBy(SpecWitness witness, SignedNote note) {
        CosignatureVerifier key = CosignatureVerifier.fromVerifierKey(witness.verifierKey());
        return note.signatures().stream().anyMatch(line -> key.matches(line)
                && key.verify(note.text(), line).isPresent());
    }

    private static String cosignatureLine(SpecWitness witness, String note) {
        String name = witness.verifierKey().substring(0, witness.verifierKey().indexOf('+'));
        return note.lines().filter(line -> line.startsWith("\u2014 " + name + " ")).findFirst().orElseThrow();
    }

    /** The same line with one bit of the signature changed. */
    private static String alteredLine(String line) {
        int space = line.lastIndexOf(' ');
        byte[] signature = Base64.getDecoder().decode(line.substring(space + 1));
        signature[signature.length - 1] ^= 0x01;
        return line.substring(0, space + 1) + Base64.getEncoder().encodeToString(signature);
    }

    private static JsonNode witness(JsonNode state, SpecWitness witness) {
        for (JsonNode each : state.path("witnesses")) {
            if (each.path("verifierKey").asString().equals(witness.verifierKey())) {
                return each;
            }
        }
        throw new AssertionError("no witness " + witness.verifierKey() + " in " + state);
    }

    private static long treeSize(String note) {
        return Long.parseLong(note.split("\n")[1]);
    }

    private long newestCheckpointSize() {
        Response checkpoint = await().atMost(PATIENCE).until(() -> get("regulator", "/api/ledger/checkpoint"),
                response -> response.status() == 200);
        long logged = treeSize(checkpoint.body());
        return await().atMost(PATIENCE).until(() -> treeSize(get("regulator", "/api/ledger/checkpoint").body()),
                size -> size >= logged);
    }

    private String report(String title) {
        Response reported = post("responder", "/api/incidents", """
                {"title":"%s","description":"witnessed","severity":"LOW","category":"OTHER",
                 "occurredAt":"2026-01-01T10:00:00Z","detectedAt":"2026-01-01T10:05:00Z"}""".formatted(title));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().path("incidentId").asString();
        // the report's event is in a signed checkpoint before the test goes on
        await().atMost(PATIENCE).until(() -> get("regulator", "/api/ledger/proofs/inclusion?eventId="
                + firstEvent(id)).status() == 200);
        return id;
    }

    private String firstEvent(String incidentId) {
        JsonNode events = get("regulator", "/api/incidents/" + incidentId + "/events").json();
        JsonNode list = events.isArray() ? events : events.path("events");
        return list.get(0).path("eventId").asString();
    }

    private record Verified(int exit, String out, String err) {
    }

    private static Verified verify(Path bundle, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = bundle.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verified(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path save(String name, String content) throws IOException {
        return Files.writeString(DIRECTORY.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Response get(String user, String path) {
        return new ApiClient(port).get(user, path);
    }

    private Response post(String user, String path, String json) {
        return new ApiClient(port).post(user, path, json);
    }
}
