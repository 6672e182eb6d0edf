package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key file: created once, with owner-only permissions, and never replaced. */
class LedgerKeysTest {

    private static final String NAME = "ledger.example/incidents";

    /** From golang.org/x/mod/sumdb/note note_test.go TestNewSigner: skey. */
    private static final String PETER_SIGNER_KEY =
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsCreatedWithTheSignerKeyEncoding() throws IOException {
        Path file = dir.resolve("keys/ledger.key");

        NoteSigner signer = LedgerKeys.loadOrCreate(file, NAME);

        assertThat(Files.readString(file)).isEqualTo(signer.signerKey() + "\n")
                .startsWith("PRIVATE+KEY+" + NAME + "+");
    }

    @Test
    void loadingTheCreatedFileAgainGivesTheSameKey() throws IOException {
        Path file = dir.resolve("ledger.key");
        NoteSigner created = LedgerKeys.loadOrCreate(file, NAME);

        NoteSigner reloaded = LedgerKeys.loadOrCreate(file, NAME);

        assertThat(reloaded.verifierKey()).isEqualTo(created.verifierKey());
    }

    @Test
    void anExistingKeyFileIsNeverRewritten() throws IOException {
        Path file = dir.resolve("ledger.key");
        LedgerKeys.loadOrCreate(file, NAME);
        byte[] before = Files.readAllBytes(file);

        LedgerKeys.loadOrCreate(file, NAME);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void theCreatedFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("ledger.key");

        LedgerKeys.loadOrCreate(file, NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileForAnotherNameIsRefusedAndKept() throws IOException {
        Path file = dir.resolve("ledger.key");
        LedgerKeys.loadOrCreate(file, "other.example/log");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> LedgerKeys.loadOrCreate(file, NAME)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'other.example/log'").hasMessageContaining("'" + NAME + "'");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aKeyFileWrittenByTheGoNoteToolsLoads() throws IOException {
        Path file = dir.resolve("peter.key");
        Files.writeString(file, PETER_SIGNER_KEY + "\n");

        NoteSigner signer = LedgerKeys.load(file);

        assertThat(signer.keyName()).isEqualTo("PeterNeumann");
        assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
    }

    @Test
    void aMalformedKeyFileIsRefusedWithoutQuotingItsContent() throws IOException {
        Path file = dir.resolve("broken.key");
        String broken = PETER_SIGNER_KEY.substring(0, PETER_SIGNER_KEY.length() - 1);
        Files.write(file, broken.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> LedgerKeys.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no valid signer key")
                .hasMessageNotContaining("AYEKFALV");
    }

    @Test
    void anEmptyKeyFileIsRefusedRatherThanReplaced() throws IOException {
        Path file = dir.resolve("empty.key");
        Files.createFile(file);

        assertThatThrownBy(() -> LedgerKeys.loadOrCreate(file, NAME)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.size(file)).isZero();
    }
}
