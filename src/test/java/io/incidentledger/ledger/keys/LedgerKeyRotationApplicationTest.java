package io.incidentledger.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.incidentledger.ledger.api.LedgerKeyRotated;
import io.incidentledger.ledger.api.LedgerSigningKeyId;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.ledger.offline.OfflineVerifier;
import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import io.incidentledger.testing.OfflineRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The log's signing key rotated in the running application (H2): checkpoints before the rotation stay signed by and
 * verifiable with the old key, every later one is signed by the new key, the background verification stays intact,
 * bundles of either side verify offline with the log's keys, and a checkpoint after the rotation signed with the
 * retired key is tampering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:key-rotation;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/key-rotation/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/key-rotation/witness.checkpoint",
        "incident-ledger.ledger.verify-interval=1h"
})
class LedgerKeyRotationApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path OUTPUT = Path.of("target/test-ledger/key-rotation");
    private static final Path FIRST_KEY = OUTPUT.resolve("signing.key");
    private static final String ROTATE = "/api/ledger/keys/rotate";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerVerification verification;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** Keys and witness of an earlier run belong to another (in-memory) log: start from nothing. */
    @BeforeAll
    static void startWithoutKeysOrWitness() throws IOException {
        if (Files.exists(OUTPUT)) {
            try (Stream<Path> files = Files.walk(OUTPUT)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void aRotatedKeySignsEveryLaterCheckpointWhileTheOldKeyKeepsVerifyingHistory() throws IOException {
        String before = reportAndWork();
        Response oldBundle = get("regulator", "/api/incidents/" + before + "/audit-bundle");
        assertThat(oldBundle.status()).as(oldBundle.body()).isEqualTo(200);
        String oldKey = get("regulator", "/api/ledger/public-key").body();

        Response rotated = post("admin", ROTATE, "{\"reason\":\"yearly rotation\"}");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().path("oldVerifierKey").asString()).isEqualTo(oldKey);
        String newKey = rotated.json().path("newVerifierKey").asString();
        long rotationSize = rotated.json().path("treeSize").asLong();
        assertThat(newKey).isNotEqualTo(oldKey).startsWith("incident-ledger.local/log+");
        assertThat(get("regulator", "/api/ledger/public-key").body()).isEqualTo(newKey);

        NoteVerifier oldVerifier = new NoteVerifier(oldKey);
        NoteVerifier newVerifier = new NoteVerifier(newKey);
        Path newKeyFile = LedgerKeys.rotatedKeyFile(FIRST_KEY, newVerifier.keyId());
        assertThat(LedgerKeys.load(newKeyFile).verifierKey()).isEqualTo(newKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newKeyFile))).isEqualTo("rw-------");
        assertThat(LedgerKeys.load(FIRST_KEY).verifierKey()).isEqualTo(oldKey);

        String after = reportAndWork();
        Response newBundle = get("regulator", "/api/incidents/" + after + "/audit-bundle");
        assertThat(newBundle.status()).as(newBundle.body()).isEqualTo(200);
        assertThat(newBundle.json().path("verifierKey").asString()).isEqualTo(newKey);
        assertThat(newBundle.json().path("checkpoint").path("treeSize").asLong()).isGreaterThan(rotationSize);
        assertThat(JSON.readTree(oldBundle.body()).path("verifierKey").asString()).isEqualTo(oldKey);

        // every checkpoint up to the rotation's is the old key's, every later one the new key's, and says so
        List<Map<String, Object>> checkpoints = jdbc.queryForList(
                "SELECT tree_size, note, verifier_key FROM ledger_checkpoint ORDER BY tree_size");
        assertThat(checkpoints).anySatisfy(row -> assertThat(((Number) row.get("TREE_SIZE")).longValue())
                .isEqualTo(rotationSize));
        assertThat(checkpoints).anySatisfy(row -> assertThat(((Number) row.get("TREE_SIZE")).longValue())
                .isGreaterThan(rotationSize));
        for (Map<String, Object> row : checkpoints) {
            long size = ((Number) row.get("TREE_SIZE")).longValue();
            String note = (String) row.get("NOTE");
            NoteVerifier signer = size <= rotationSize ? oldVerifier : newVerifier;
            assertThat(signer.verify(note)).as("checkpoint %d", size).startsWith("incident-ledger.local/log\n");
            assertThat(SignedNote.parse(note).signatures()).as("checkpoint %d", size).singleElement()
                    .satisfies(signature -> assertThat(signature.keyId()).isEqualTo(signer.keyId()));
            assertThat(row.get("VERIFIER_KEY")).isEqualTo(signer.verifierKey());
        }

        // the rotation is an event of its own, with its actor, in the log after the old key's last checkpoint
        Map<String, Object> event = jdbc.queryForMap("SELECT e.payload_type, e.meta_data, l.leaf_index "
                + "FROM domain_event_entry e JOIN ledger_leaf l ON l.global_index = e.global_index "
                + "WHERE e.aggregate_identifier = ?", LedgerSigningKeyId.VALUE);
        assertThat(event.get("PAYLOAD_TYPE")).isEqualTo(LedgerKeyRotated.class.getName());
        assertThat(new String((byte[]) event.get("META_DATA"), StandardCharsets.UTF_8)).contains("\"actor\":\"admin\"");
        assertThat(((Number) event.get("LEAF_INDEX")).longValue()).isGreaterThanOrEqualTo(rotationSize);

        Response keys = get("regulator", "/api/ledger/keys");
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        JsonNode list = keys.json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("verifierKey").asString()).isEqualTo(oldKey);
        assertThat(list.get(0).path("current").asBoolean()).isFalse();
        assertThat(list.get(0).path("firstTreeSize").asLong()).isZero();
        assertThat(list.get(0).path("lastTreeSize").asLong()).isEqualTo(rotationSize);
        assertThat(list.get(0).path("retiredFor").asString()).isEqualTo("yearly rotation");
        assertThat(list.get(1).path("verifierKey").asString()).isEqualTo(newKey);
        assertThat(list.get(1).path("current").asBoolean()).isTrue();
        assertThat(list.get(1).path("firstTreeSize").asLong()).isEqualTo(rotationSize + 1);
        assertThat(list.get(1).path("lastTreeSize").isNull()).isTrue();

        LedgerVerification.Report report = verification.verifyStore();
        assertThat(report.findings()).isEmpty();
        assertThat(report.intact()).isTrue();

        // offline: each bundle with the log's keys, not the new bundle with the old key alone
        Path oldFile = save("old-bundle.json", oldBundle.body());
        Path newFile = save("new-bundle.json", newBundle.body());
        Path keysFile = save("keys.txt", "# the log's keys\n" + oldKey + " 0-" + rotationSize + "\n" + newKey + " "
                + (rotationSize + 1) + "-\n");
        assertValid(verify(oldFile.toString(), "--public-key", oldKey, "--public-key", newKey));
        assertValid(verify(newFile.toString(), "--public-key", oldKey, "--public-key", newKey));
        assertValid(verify(oldFile.toString(), "--keys", keysFile.toString()));
        assertValid(verify(newFile.toString(), "--keys", keysFile.toString()));
        OfflineRun newWithOldKey = verify(newFile.toString(), "--public-key", oldKey);
        assertThat(newWithOldKey.exit()).as(newWithOldKey.out()).isEqualTo(OfflineVerifier.INVALID);

        // a new checkpoint signed with the retired key: refused offline and found by the verifier
        NoteSigner retired = LedgerKeys.load(FIRST_KEY);
        String newNote = newBundle.json().path("checkpoint").path("note").asString();
        String forgedNote = retired.sign(SignedNote.parse(newNote).text());
        ObjectNode forged = (ObjectNode) JSON.readTree(newBundle.body().replace(
                JSON.writeValueAsString(newNote), JSON.writeValueAsString(forgedNote)));
        forged.put("verifierKey", oldKey);
        OfflineRun refused = verify(save("forged-bundle.json", JSON.writeValueAsString(forged)).toString(),
                "--keys", keysFile.toString());
        assertThat(refused.exit()).as(refused.out()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(refused.err()).contains("a retired key signed a checkpoint after its rotation");

        long newestSize = jdbc.queryForObject("SELECT MAX(tree_size) FROM ledger_checkpoint", Long.class);
        Map<String, Object> genuine = replaceCheckpointNote(newestSize, retired);
        try {
            LedgerVerification.Report tampered = verification.verifyStore();
            assertThat(tampered.intact()).isFalse();
            assertThat(tampered.findings()).anySatisfy(finding -> {
                assertThat(finding.kind()).isEqualTo(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID);
                assertThat(finding.leafIndex()).isEqualTo(newestSize);
                assertThat(finding.detail()).contains("a retired key signed after its rotation");
            });
        } finally {
            restoreCheckpointNote(newestSize, genuine);
        }
        assertThat(verification.verifyStore().findings()).isEmpty();
    }

    @Test
    void onlyAnAdministratorRotatesTheKeyAndBadInputChangesNothing() throws IOException {
        String key = get("regulator", "/api/ledger/public-key").body();
        long keyFiles = keyFiles();

        assertThat(post(null, ROTATE, "{\"reason\":\"compromise\"}").status()).isEqualTo(401);
        assertThat(post("commander", ROTATE, "{\"reason\":\"compromise\"}").status()).isEqualTo(403);
        assertThat(post("regulator", ROTATE, "{\"reason\":\"compromise\"}").status()).isEqualTo(403);
        assertThat(post("responder", ROTATE, "{\"reason\":\"compromise\"}").status()).isEqualTo(403);
        assertThat(get(null, "/api/ledger/keys").status()).isEqualTo(401);
        assertThat(get("responder", "/api/ledger/keys").status()).isEqualTo(403);

        Response blank = post("admin", ROTATE, "{\"reason\":\"   \"}");
        assertThat(blank.status()).as(blank.body()).isEqualTo(422);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.code()).isEqualTo("invalid-reason");
        Response noBody = post("admin", ROTATE, null);
        assertThat(noBody.status()).as(noBody.body()).isEqualTo(422);
        assertThat(noBody.code()).isEqualTo("invalid-reason");
        Response tooLong = post("admin", ROTATE, "{\"reason\":\"" + "x".repeat(1001) + "\"}");
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(422);
        Response malformed = post("admin", ROTATE, "{\"reason\":");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        assertThat(get("regulator", "/api/ledger/public-key").body()).isEqualTo(key);
        assertThat(keyFiles()).isEqualTo(keyFiles);
    }

    // ----- helpers ----------------------------------------------------------------------------------------------

    /**
     * Swaps the checkpoint's note for one signed by {@code signer}, as someone with the database could; returns the
     * genuine row.
     */
    private Map<String, Object> replaceCheckpointNote(long treeSize, NoteSigner signer) {
        return inAdmitterLock(() -> {
            Map<String, Object> row = jdbc.queryForMap("SELECT root_hash, note, signed_at, verifier_key "
                    + "FROM ledger_checkpoint WHERE tree_size = ?", treeSize);
            String note = (String) row.get("NOTE");
            jdbc.update("DELETE FROM ledger_checkpoint WHERE tree_size = ?", treeSize);
            jdbc.update("INSERT INTO ledger_checkpoint (tree_size, root_hash, note, signed_at, verifier_key) "
                            + "VALUES (?, ?, ?, ?, ?)", treeSize, row.get("ROOT_HASH"),
                    signer.sign(SignedNote.parse(note).text()), row.get("SIGNED_AT"), signer.verifierKey());
            return row;
        });
    }

    private void restoreCheckpointNote(long treeSize, Map<String, Object> genuine) {
        inAdmitterLock(() -> jdbc.update("UPDATE ledger_checkpoint SET note = ?, verifier_key = ? WHERE tree_size = ?",
                genuine.get("NOTE"), genuine.get("VERIFIER_KEY"), treeSize));
    }

    private <T> T inAdmitterLock(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.queryForObject("SELECT low_water FROM ledger_admitter WHERE id = 1 FOR UPDATE", Long.class);
            return work.get();
        });
    }

    private static long keyFiles() throws IOException {
        try (Stream<Path> files = Files.list(OUTPUT)) {
            return files.filter(file -> file.getFileName().toString().startsWith("signing.key")).count();
        }
    }

    private String reportAndWork() {
        Response reported = post("responder", "/api/incidents", """
                {"title":"Suspicious withdrawal","description":"large outflow","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().path("incidentId").asString();
        Response acknowledged = post("responder", "/api/incidents/" + id + "/acknowledgement", null);
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(204);
        return id;
    }

    private static void assertValid(OfflineRun verified) {
        assertThat(verified.exit()).as(verified.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(verified.out()).contains("(trusted key)");
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
