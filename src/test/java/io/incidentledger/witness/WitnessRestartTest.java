package io.incidentledger.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.incidentledger.ledger.log.CosignerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a witness keeps across a restart on its file database: its key, its cosigned checkpoints, its evidence. */
class WitnessRestartTest {

    @TempDir
    Path dir;

    private final TestLog log = new TestLog("ledger.example/restarted");

    private List<String> fileDatabase() {
        return List.of("jdbc:h2:file:" + dir.resolve("db/witness") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    @Test
    void theKeyIsCreatedAtTheFirstStartAndTheCheckpointAndKeySurviveARestart() throws Exception {
        Path keyFile = dir.resolve("keys/witness.key");
        assertThat(keyFile).doesNotExist();
        String verifierKey;
        try (RunningWitness witness = RunningWitness.start(keyFile, fileDatabase(), List.of(log))) {
            verifierKey = witness.get("/verifier-key").body().strip();
            assertThat(witness.post("/add-checkpoint", log.request(0, 5)).statusCode()).isEqualTo(200);
        }
        assertThat(verifierKey).isEqualTo(CosignerKey.load(keyFile).verifierKey());
        String keyFileContent = Files.readString(keyFile);

        try (RunningWitness restarted = RunningWitness.start(keyFile, fileDatabase(), List.of(log))) {
            HttpResponse<String> stale = restarted.post("/add-checkpoint", log.request(0, 6));

            assertThat(restarted.get("/verifier-key").body().strip()).isEqualTo(verifierKey);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.body()).isEqualTo("5\n");
            assertThat(restarted.get("/" + WitnessFlows.originHash(log) + "/checkpoint").body())
                    .startsWith(log.body(5));
            assertThat(restarted.post("/add-checkpoint", log.request(5, 8)).statusCode()).isEqualTo(200);
        }
        assertThat(Files.readString(keyFile)).isEqualTo(keyFileContent);
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void evidenceSurvivesARestart() {
        Path keyFile = dir.resolve("witness.key");
        try (RunningWitness witness = RunningWitness.start(keyFile, fileDatabase(), List.of(log))) {
            witness.post("/add-checkpoint", log.request(0, 4));
            TestLog fork = log.fork("other leaf ", 1).growTo(4);
            assertThat(witness.post("/add-checkpoint", "old 4\n\n" + fork.checkpoint(4)).statusCode()).isEqualTo(422);
        }

        try (RunningWitness restarted = RunningWitness.start(keyFile, fileDatabase(), List.of(log))) {
            assertThat(restarted.get("/evidence").body()).contains("another root hash").contains(log.origin());
        }
    }

    @Test
    void aWitnessWithoutLogsDoesNotStartAndCreatesNoKey() {
        Path keyFile = dir.resolve("witness.key");

        assertThatThrownBy(() -> RunningWitness.start(keyFile, fileDatabase(), List.of()))
                .hasStackTraceContaining("no log to witness");
        assertThat(keyFile).doesNotExist();
    }
}
