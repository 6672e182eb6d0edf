package io.incidentledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.incidentledger.ledger.log.CosignatureVerifier;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.ledger.log.SignedNote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The witness over real HTTP, with requests written by hand from c2sp.org/tlog-witness and real logs: every status
 * code of add-checkpoint, the cosignature checked with {@link CosignatureVerifier} and with the JDK's own Ed25519,
 * concurrent requests, the evidence of a split view, and the monitoring endpoints. Each test uses a log of its own.
 * Subclasses give the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WitnessFlows {

    private static final String EMPTY_ROOT = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    private final TestLog first = new TestLog("ledger.example/first");
    private final TestLog extending = new TestLog("ledger.example/extending");
    private final TestLog trusted = new TestLog("ledger.example/trusted");
    private final TestLog sizes = new TestLog("ledger.example/sizes");
    private final TestLog empty = new TestLog("ledger.example/empty");
    private final TestLog forked = new TestLog("ledger.example/forked");
    private final TestLog sameSize = new TestLog("ledger.example/same-size");
    private final TestLog concurrent = new TestLog("ledger.example/concurrent");
    private final TestLog monitored = new TestLog("ledger.example/monitored");
    private final TestLog jdk = new TestLog("ledger.example/jdk");
    private final TestLog proofFromZero = new TestLog("ledger.example/proof-from-zero");

    private RunningWitness witness;
    private CosignatureVerifier cosignatures;

    /** The JDBC URL, user and password of the witness's database. */
    abstract List<String> database() throws Exception;

    /** Called once the witness is stopped. */
    void dropDatabase() {
    }

    @BeforeAll
    void startWitness() throws Exception {
        Path keyFile = Files.createTempDirectory("witness-flows").resolve("witness.key");
        witness = RunningWitness.start(keyFile, database(), List.of(first, extending, trusted, sizes, empty, forked,
                sameSize, concurrent, monitored, jdk, proofFromZero));
        cosignatures = CosignatureVerifier.fromVerifierKey(witness.get("/verifier-key").body().strip());
    }

    @AfterAll
    void stopWitness() {
        if (witness != null) {
            witness.close();
        }
        dropDatabase();
    }

    @Test
    void aFirstCheckpointWithOldSizeZeroIsCosignedWithOneSignatureLine() throws Exception {
        long before = Instant.now().getEpochSecond();

        HttpResponse<String> response = witness.post("/add-checkpoint", first.request(0, 5));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("\u2014 " + RunningWitness.NAME + " ").endsWith("\n")
                .hasLineCount(1);
        SignedNote.Signature cosignature = SignedNote.parse(first.body(5) + "\n" + response.body()).signatures()
                .get(0);
        assertThat(cosignatures.verify(first.body(5), cosignature).orElseThrow()).isBetween(before,
                Instant.now().getEpochSecond());
    }

    @Test
    void theCosignatureVerifiesWithTheJdksEd25519OverTheSpecsMessage() throws Exception {
        HttpResponse<String> response = witness.post("/add-checkpoint", jdk.request(0, 3));
        String line = response.body().strip();
        byte[] keyIdAndSignature = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        ByteBuffer bytes = ByteBuffer.wrap(keyIdAndSignature);
        int keyId = bytes.getInt();
        long timestamp = bytes.getLong();
        byte[] ed25519 = new byte[64];
        bytes.get(ed25519);

        String message = "cosignature/v1\ntime " + timestamp + "\n" + jdk.body(3);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(jdkPublicKey(witness.get("/verifier-key").body().strip()));
        jdk.update(message.getBytes(StandardCharsets.UTF_8));

        assertThat(keyIdAndSignature).hasSize(4 + 8 + 64);
        assertThat(keyId).isEqualTo(cosignatures.keyId());
        assertThat(jdk.verify(ed25519)).isTrue();
    }

    @Test
    void aCheckpointExtendingTheCosignedOneWithAValidProofIsCosigned() {
        assertThat(witness.post("/add-checkpoint", extending.request(0, 4)).statusCode()).isEqualTo(200);

        HttpResponse<String> response = witness.post("/add-checkpoint", extending.request(4, 11));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cosignatures.verify(extending.body(11), SignedNote.parse(extending.body(11) + "\n"
                + response.body()).signatures().get(0))).isPresent();
        assertThat(witness.post("/add-checkpoint", extending.request(11, 11)).statusCode()).isEqualTo(200);
        assertThat(witness.post("/add-checkpoint", extending.request(11, 12)).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownOriginIsAnswered404() {
        TestLog stranger = new TestLog("ledger.example/stranger");

        HttpResponse<String> response = witness.post("/add-checkpoint", stranger.request(0, 2));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("ledger.example/stranger");
    }

    @Test
    void aCheckpointWithoutASignatureByATrustedKeyIsAnswered403() {
        NoteSigner impostor = LedgerKeys.generate(trusted.origin(), new SecureRandom());
        trusted.growTo(3);
        String signedByImpostor = impostor.sign(trusted.body(3));

        HttpResponse<String> response = witness.post("/add-checkpoint", "old 0\n\n" + signedByImpostor);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("no signature by a key this witness trusts");
    }

    @Test
    void aSignatureWithTheTrustedKeysNameAndIdThatFailsIsAnswered403EvenBesideAValidOne() {
        String valid = trusted.checkpoint(3);
        String validLine = valid.substring(valid.indexOf("\n\n") + 2);
        byte[] signature = Base64.getDecoder().decode(validLine.substring(validLine.lastIndexOf(' ') + 1).strip());
        signature[10] ^= 1;
        String badLine = "\u2014 " + trusted.origin() + " " + Base64.getEncoder().encodeToString(signature) + "\n";

        HttpResponse<String> alone = witness.post("/add-checkpoint", "old 0\n\n" + trusted.body(3) + "\n" + badLine);
        HttpResponse<String> beside = witness.post("/add-checkpoint", "old 0\n\n" + valid + badLine);

        assertThat(alone.statusCode()).isEqualTo(403);
        assertThat(beside.statusCode()).isEqualTo(403);
        assertThat(beside.body()).contains("invalid signature");
    }

    @Test
    void signaturesOfUnknownKeysAreIgnored() {
        String valid = trusted.checkpoint(3);
        NoteSigner other = LedgerKeys.generate("someone.example/else", new SecureRandom());
        String otherLine = other.sign(trusted.body(3)).substring(trusted.body(3).length() + 1);

        HttpResponse<String> response = witness.post("/add-checkpoint", "old 0\n\n" + valid + otherLine);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void anOldSizeLargerThanTheCheckpointOrAMalformedBodyIsAnswered400() {
        sizes.growTo(5);

        HttpResponse<String> tooOld = witness.post("/add-checkpoint", "old 6\n\n" + sizes.checkpoint(5));
        HttpResponse<String> leadingZero = witness.post("/add-checkpoint", "old 00\n\n" + sizes.checkpoint(5));
        HttpResponse<String> noEmptyLine = witness.post("/add-checkpoint", "old 0\n" + sizes.checkpoint(5));
        HttpResponse<String> notUtf8 = witness.post("/add-checkpoint", new byte[] {'o', 'l', 'd', ' ', '0', '\n',
            '\n', (byte) 0xff, '\n'});

        assertThat(List.of(tooOld, leadingZero, noEmptyLine, notUtf8)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
        });
        assertThat(tooOld.body()).contains("larger than");
    }

    @Test
    void anOldSizeThatIsNotTheStoredSizeIsAnswered409WithTheStoredSize() {
        assertThat(witness.post("/add-checkpoint", sizes.request(0, 7)).statusCode()).isEqualTo(200);

        HttpResponse<String> stale = witness.post("/add-checkpoint", sizes.request(0, 9));
        HttpResponse<String> ahead = witness.post("/add-checkpoint", sizes.request(8, 9));

        for (HttpResponse<String> response : List.of(stale, ahead)) {
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
            assertThat(response.body()).isEqualTo("7\n");
        }
        assertThat(witness.get("/evidence").body()).doesNotContain(sizes.origin());
    }

    @Test
    void aSizeZeroCheckpointMustHaveTheEmptyRootOrIsAnswered422() {
        String wrongRoot = empty.signer().sign(empty.origin() + "\n0\n" + Base64.getEncoder()
                .encodeToString(new byte[32]) + "\n");
        String emptyRoot = empty.signer().sign(empty.origin() + "\n0\n" + EMPTY_ROOT + "\n");

        assertThat(witness.post("/add-checkpoint", "old 0\n\n" + wrongRoot).statusCode()).isEqualTo(422);
        assertThat(witness.post("/add-checkpoint", "old 0\n\n" + emptyRoot).statusCode()).isEqualTo(200);
        assertThat(witness.post("/add-checkpoint", "old 0\n\n" + empty.checkpoint(2)).statusCode()).isEqualTo(200);
    }

    @Test
    void aProofWithOldSizeZeroIsAnswered422() {
        proofFromZero.growTo(6);

        HttpResponse<String> response = witness.post("/add-checkpoint", "old 0\n" + proofFromZero.proofLines(3, 6)
                + "\n" + proofFromZero.checkpoint(6));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("must be empty");
    }

    @Test
    void aCheckpointOfAForkedTreeIsAnswered422AndKeptAsEvidenceWithTheCosignedOne() {
        assertThat(witness.post("/add-checkpoint", forked.request(0, 5)).statusCode()).isEqualTo(200);
        TestLog fork = forked.fork("other leaf ", 3).growTo(9);
        String forkRequest = "old 5\n" + fork.proofLines(5, 9) + "\n" + fork.checkpoint(9);

        HttpResponse<String> response = witness.post("/add-checkpoint", forkRequest);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("does not verify");
        HttpResponse<String> evidence = witness.get("/evidence");
        assertThat(evidence.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(evidence.body()).contains(forked.checkpoint(5).replace("\n", "\\n").split("\u2014")[0])
                .contains(fork.body(9).replace("\n", "\\n")).contains("does not verify")
                .containsPattern("\"detectedAt\":\"20\\d\\d-\\d\\d-\\d\\dT");
        assertThat(witness.post("/add-checkpoint", forked.request(5, 9)).statusCode()).isEqualTo(200);
    }

    @Test
    void theSameSizeWithAnotherRootIsAnswered422AndKeptAsEvidence() {
        assertThat(witness.post("/add-checkpoint", sameSize.request(0, 4)).statusCode()).isEqualTo(200);
        TestLog fork = sameSize.fork("other leaf ", 2).growTo(4);

        HttpResponse<String> response = witness.post("/add-checkpoint", "old 4\n\n" + fork.checkpoint(4));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(witness.get("/evidence").body()).contains(fork.body(4).replace("\n", "\\n"))
                .contains("another root hash");
        assertThat(witness.get("/" + originHash(sameSize) + "/checkpoint").body()).startsWith(sameSize.body(4));
    }

    @Test
    void concurrentRequestsNeverRollTheStoredSizeBack() throws Exception {
        long stored = 0;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                long old = stored;
                List<Callable<long[]>> requests = new ArrayList<>();
                for (int k = 1; k <= 8; k++) {
                    long size = old + k;
                    String body = concurrent.request(old, size);
                    requests.add(() -> new long[] {size, witness.post("/add-checkpoint", body).statusCode()});
                }
                List<Long> cosigned = new ArrayList<>();
                for (Future<long[]> answer : pool.invokeAll(requests)) {
                    long[] result = answer.get();
                    assertThat(result[1]).isIn(200L, 409L);
                    if (result[1] == 200) {
                        cosigned.add(result[0]);
                    }
                }
                assertThat(cosigned).as("round %d", round).hasSize(1);
                stored = cosigned.get(0);
                assertThat(witness.get("/" + originHash(concurrent) + "/checkpoint").body())
                        .startsWith(concurrent.body(stored));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMonitoringEndpointServesTheCheckpointWithTheVerifiedLogSignatureAndTheCosignature() {
        String path = "/" + originHash(monitored) + "/checkpoint";
        witness.post("/add-checkpoint", monitored.request(0, 3));
        monitored.growTo(6);
        NoteSigner other = LedgerKeys.generate("someone.example/else", new SecureRandom());
        String otherLine = other.sign(monitored.body(6)).substring(monitored.body(6).length() + 1);
        witness.post("/add-checkpoint", monitored.request(3, 6) + otherLine);

        HttpResponse<String> response = witness.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        SignedNote note = SignedNote.parse(response.body());
        assertThat(note.text()).isEqualTo(monitored.body(6));
        assertThat(note.signatures()).hasSize(2);
        assertThat(note.signatures().get(0).keyName()).isEqualTo(monitored.origin());
        assertThat(cosignatures.verify(note.text(), note.signatures().get(1))).isPresent();
        assertThat(response.body()).doesNotContain("someone.example/else");
    }

    @Test
    void theMonitoringEndpointAnswers404ForALogNeverCosigned() {
        TestLog stranger = new TestLog("ledger.example/never");

        assertThat(witness.get("/" + originHash(stranger) + "/checkpoint").statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyLargerThanSixtyFourKibibytesIsAnswered413() {
        byte[] body = new byte[64 * 1024 + 1];

        assertThat(witness.post("/add-checkpoint", body).statusCode()).isEqualTo(413);
    }

    @Test
    void theVerifierKeyIsPlainTextOfTypeFour() {
        HttpResponse<String> response = witness.get("/verifier-key");

        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).startsWith(RunningWitness.NAME + "+").endsWith("\n");
        assertThat(Base64.getDecoder().decode(response.body().strip().split("\\+", 3)[2])[0]).isEqualTo((byte) 4);
    }

    @Test
    void healthIsOpenAndEverythingElseIsDenied() {
        assertThat(witness.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(witness.get("/actuator/env").statusCode()).isIn(403, 404);
        assertThat(witness.get("/api/incidents").statusCode()).isEqualTo(403);
        assertThat(witness.get("/v3/api-docs").statusCode()).isEqualTo(403);
        assertThat(witness.get("/add-checkpoint").statusCode()).isEqualTo(403);
    }

    @Test
    void theWitnessStartsNeitherAxonNorAnyPartOfTheIncidentService() {
        List<String> foreign = new ArrayList<>();
        for (String name : witness.context().getBeanDefinitionNames()) {
            Class<?> type = witness.context().getType(name);
            String className = type == null ? "" : type.getName();
            // io.incidentledger.testing: the test classpath's own auto-configuration, present in every test context
            boolean ours = className.startsWith("io.incidentledger.witness.")
                    || className.equals("io.incidentledger.ledger.log.CosignerKey")
                    || className.startsWith("io.incidentledger.testing.");
            if (className.startsWith("org.axonframework") || className.startsWith("org.springdoc")
                    || className.startsWith("io.incidentledger.") && !ours) {
                foreign.add(name + ": " + className);
            }
        }

        assertThat(foreign).isEmpty();
    }

    static String originHash(TestLog log) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(log.origin().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey jdkPublicKey(String verifierKey) throws Exception {
        byte[] encoded = Base64.getDecoder().decode(verifierKey.split("\\+", 3)[2]);
        byte[] spki = ByteBuffer.allocate(44).put(HexFormat.of().parseHex("302a300506032b6570032100"))
                .put(encoded, 1, 32).array();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }
}
