package io.incidentledger.ledger.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.testing.OfflineRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier with the keys of a log whose key was rotated: several --public-key, or a keys file. */
class OfflineVerifierKeysTest {

    @TempDir
    Path dir;

    private NoteSigner oldKey;
    private NoteSigner newKey;
    private SyntheticLedger ledger;
    private Path bundle;

    @BeforeEach
    void buildALedgerSignedByTheNewKey() throws IOException {
        oldKey = SyntheticLedger.newKey();
        newKey = SyntheticLedger.newKey();
        ledger = SyntheticLedger.withIncident(newKey, 3, 2);
        bundle = Files.writeString(dir.resolve("bundle.json"), ledger.bundle().toString(), StandardCharsets.UTF_8);
    }

    @Test
    void aBundleVerifiesWhenItsKeyIsOneOfSeveralTrustedKeys() {
        OfflineRun result = run(bundle.toString(), "--public-key", oldKey.verifierKey(), "--public-key",
                newKey.verifierKey());

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(result.out()).contains("(trusted key)");
    }

    @Test
    void aBundleVerifiesWithAKeysFileThatTrustsItsKeyForItsTreeSize() throws IOException {
        Path keys = keys(oldKey.verifierKey() + " 0-1\n" + newKey.verifierKey() + " 2-\n");

        OfflineRun result = run(bundle.toString(), "--keys", keys.toString());

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
    }

    @Test
    void aCheckpointSignedByAKeyAfterItsRangeEndedIsInvalid() throws IOException {
        long last = ledger.size() - 1;
        Path keys = keys(newKey.verifierKey() + " 0-" + last + "\n" + oldKey.verifierKey() + " " + (last + 1) + "-\n");

        OfflineRun result = run(bundle.toString(), "--keys", keys.toString());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(result.err()).contains("checkpoint: tree size " + ledger.size() + " is signed by key ")
                .contains("which is trusted for tree sizes 0 to " + last + " only")
                .contains("a retired key signed a checkpoint after its rotation");
    }

    @Test
    void aBundleWhoseKeyIsNoneOfTheTrustedKeysIsInvalid() {
        OfflineRun result = run(bundle.toString(), "--public-key", oldKey.verifierKey());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(result.err()).contains("bundle: its verifier key").contains("is not the trusted key");
    }

    @Test
    void aMalformedKeysFileIsAUsageError() throws IOException {
        Path keys = keys("# keys\n" + newKey.verifierKey() + " from 3\n");

        OfflineRun result = run(bundle.toString(), "--keys", keys.toString());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(result.err()).contains("line 2");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAUsageError() throws IOException {
        OfflineRun result = run(bundle.toString(), "--keys", keys(newKey.verifierKey() + " 5-2\n").toString());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(result.err()).contains("ends before it starts");
    }

    private Path keys(String content) throws IOException {
        return Files.writeString(dir.resolve("keys.txt"), content, StandardCharsets.UTF_8);
    }


    private static OfflineRun run(String... args) {
        return OfflineRun.of(args);
    }
}
