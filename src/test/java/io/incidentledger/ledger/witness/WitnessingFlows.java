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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log asks real witnesses, written in the test from the C2SP texts alone ({@link SpecWitness}), to cosign every
 * checkpoint: two answer, one is down, one is staged to hold a forked checkpoint. Quorum 2 of 4. Each database's
 * class has its own log key and its own witnesses ({@link Witnesses}): witnesses that saw another log under the same
 * origin and key would rightly report a split view.
 */
abstract class WitnessingFlows {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORIGIN = "incident-ledger.local/log";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One log key and its four witnesses, for one test class. */
    static final class Witnesses {

        final Path directory;
        final NoteSigner logKey;
        final SpecWitness first;
        final SpecWitness second;
        final SpecWitness down;
        final SpecWitness forked;

        Witnesses(String name) {
            try {
                // a fresh log each run: the key file and the witness file outlive the databases
                directory = Path.of("target/test-ledger/witnessing-" + name);
                Files.createDirectories(directory);
                Files.deleteIfExists(directory.resolve("witness.checkpoint"));
                Files.deleteIfExists(directory.resolve("signing.key"));
                logKey = LedgerKeys.loadOrCreate(directory.resolve("signing.key"), ORIGIN);
                first = new SpecWitness("witness.example/first", logKey.verifierKey());
                second = new SpecWitness("witness.example/second", logKey.verifierKey());
                down = new SpecWitness("witness.example/down", logKey.verifierKey());
                down.close();
                forked = new SpecWitness("witness.example/forked", logKey.verifierKey());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        void register(DynamicPropertyRegistry registry) {
            registry.add("incident-ledger.ledger.checkpoint-interval", () -> "200ms");
            registry.add("incident-ledger.ledger.witnessing.quorum", () -> "2");
            registry.add("incident-ledger.ledger.witnessing.quorum-timeout", () -> "4s");
            registry.add("incident-ledger.ledger.witnessing.min-backoff", () -> "100ms");
            registry.add("incident-ledger.ledger.witnessing.max-backoff", () -> "1s");
            registry.add("incident-ledger.ledger.witnessing.request-timeout", () -> "2s");
            registry.add("incident-ledger.ledger.witnessing.bundle-wait", () -> "10s");
            registry.add("incident-ledger.ledger.signing-key-file", () -> directory.resolve("signing.key").toString());
            registry.add("incident-ledger.ledger.witness-file",
                    () -> directory.resolve("witness.checkpoint").toString());
            List<SpecWitness> all = List.of(first, second, down, forked);
            for (int i = 0; i < all.size(); i++) {
                SpecWitness witness = all.get(i);
                registry.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].url",
                        () -> witness.url().toString());
                registry.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].verifier-key",
                        witness::verifierKey);
            }
        }

        void close() {
            first.close();
            second.close();
            forked.close();
        }
    }

    private NoteSigner logKey;
    private SpecWitness first;
    private SpecWitness second;
    private SpecWitness down;
    private SpecWitness forked;
    private Path directory;

    /** The class's witnesses. */
    abstract Witnesses witnesses();

    @BeforeEach
    void takeTheWitnesses() {
        Witnesses witnesses = witnesses();
        logKey = witnesses.logKey;
        first = witnesses.first;
        second = witnesses.second;
        down = witnesses.down;
        forked = witnesses.forked;
        directory = witnesses.directory;
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
        assertThat(cosignedBy(first, parsed)).isTrue();
        assertThat(cosignedBy(second, parsed)).isTrue();
        assertThat(first.size()).isGreaterThanOrEqualTo(size);
        Response newest = get("regulator", "/api/ledger/checkpoint?treeSize=" + treeSize(note));
        assertThat(newest.body()).isEqualTo(note);

        JsonNode state = get("admin", "/api/ledger/witnesses").json();
        assertThat(state.path("quorum").asInt()).isEqualTo(2);
        assertThat(state.path("newestWitnessedSize").asLong()).isGreaterThanOrEqualTo(size);
        JsonNode downState = witness(state, down);
        assertThat(downState.path("lastError").asString()).startsWith("no answer");
        assertThat(downState.path("cosignedSize").asLong()).isZero();
        assertThat(witness(state, first).path("lastSuccessAt").isNull()).isFalse();
    }

    @Test
    void aWitnessThatHangsHoldsUpNeitherTheLogNorTheOtherWitnesses() {
        report("Before the witness hangs");
        second.delay(Duration.ofSeconds(8));
        try {
            long before = newestCheckpointSize();
            long started = System.nanoTime();

            report("While the witness hangs");

            long size = newestCheckpointSize();
            assertThat(size).isGreaterThan(before);
            await().atMost(Duration.ofSeconds(5)).until(() -> first.size() >= size);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(second.size()).isLessThan(size);
        } finally {
            second.delay(Duration.ZERO);
        }
    }

    @Test
    void theAuditBundleCarriesTheQuorumAndTheOfflineVerifierRequiresIt() throws IOException {
        String id = report("Bundle with cosignatures");

        Response response = get("regulator", "/api/incidents/" + id + "/audit-bundle");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode bundle = response.json();
        String note = bundle.path("checkpoint").path("note").asString();
        assertThat(cosignedBy(first, SignedNote.parse(note))).isTrue();
        assertThat(cosignedBy(second, SignedNote.parse(note))).isTrue();
        assertThat(bundle.path("events").get(0).path("tlogProof").asString()).endsWith(note);
        Path file = save("bundle-" + id + ".json", response.body());

        Verified quorum = verify(file, "--public-key", logKey.verifierKey(), "--witness", first.verifierKey(),
                "--witness", second.verifierKey(), "--quorum", "2");
        assertThat(quorum.exit()).as(quorum.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(quorum.out()).contains("cosigned by 2 of 2 trusted witnesses (witness.example/first, "
                + "witness.example/second), quorum 2");

        Verified short1 = verify(file, "--public-key", logKey.verifierKey(), "--witness", first.verifierKey(),
                "--witness", second.verifierKey(), "--witness", down.verifierKey(), "--quorum", "3");
        assertThat(short1.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(short1.err()).contains("cosigned by 2 of the 3 trusted witnesses").contains("quorum of 3");

        Verified otherWitness = verify(file, "--public-key", logKey.verifierKey(), "--witness",
                down.verifierKey());
        assertThat(otherWitness.exit()).isEqualTo(OfflineVerifier.INVALID);

        String forged = response.body().replace(cosignatureLine(first, note), alteredLine(cosignatureLine(first,
                note)));
        Verified altered = verify(save("altered-" + id + ".json", forged), "--public-key", logKey.verifierKey(),
                "--witness", first.verifierKey(), "--witness", second.verifierKey(), "--quorum", "1");
        assertThat(altered.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(altered.err()).contains("the cosignature of witness witness.example/first+")
                .contains("does not verify");
    }

    @Test
    void aWitnessThatLostItsStateIsBroughtBackFromTheSizeItNames() {
        report("Before the witness forgets");
        await().atMost(PATIENCE).until(() -> second.size() > 0);
        second.forget();

        report("After the witness forgot");
        long size = newestCheckpointSize();

        await().atMost(PATIENCE).until(() -> second.size() >= size);
    }

    @Test
    void aWitnessHoldingAForkOfTheLogSignedWithItsKeyOpensACriticalIncident() {
        report("Before the fork");
        await().atMost(PATIENCE).until(() -> forked.size() > 0);
        long forkSize = newestCheckpointSize();
        byte[] otherRoot = new byte[32];
        new SecureRandom().nextBytes(otherRoot);
        // what an operator holding the key could show one witness: the same size, another history
        forked.hold(logKey.sign(new Checkpoint(ORIGIN, forkSize, otherRoot).toNoteText()));

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
        await().atMost(PATIENCE).until(() -> second.size() > 0);
        second.refuseCheckpointsWith(422);
        try {
            report("While the witness refuses");

            JsonNode secondState = await().atMost(PATIENCE).until(() -> witness(get("admin",
                    "/api/ledger/witnesses").json(), second), state -> state.path("lastError").asString("")
                    .contains("agrees with the log"));
            assertThat(secondState.path("lastError").asString()).startsWith("answered 422");
            assertThat(get("admin", "/api/ledger/witnesses").json().path("splitViews").toString())
                    .doesNotContain("witness.example/second");
        } finally {
            second.refuseCheckpointsWith(0);
        }
    }

    @Test
    void checkpointsLeftWithoutTheirQuorumRaiseAnIncidentThroughTheAlerting() {
        report("Before the witnesses fail");
        long witnessed = await().atMost(PATIENCE).until(() -> get("admin", "/api/ledger/witnesses").json()
                .path("newestWitnessedSize").asLong(0), size -> size > 0);
        first.failWith(503);
        second.failWith(503);
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
            first.failWith(0);
            second.failWith(0);
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

    private Path save(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Response get(String user, String path) {
        return new ApiClient(port).get(user, path);
    }

    private Response post(String user, String path, String json) {
        return new ApiClient(port).post(user, path, json);
    }
}
