package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness's cosigner key and the verifier of its cosignatures. */
class CosignerKeyTest {

    private static final String NAME = "witness.example/w1";
    private static final String BODY = "ledger.example/incidents\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    private static final long NOW = 1_765_000_000L;

    @TempDir
    Path dir;

    private final CosignerKey key = CosignerKey.generate(NAME, new SecureRandom());
    private final CosignatureVerifier verifier = CosignatureVerifier.fromVerifierKey(key.verifierKey());

    @Test
    void aCosignatureVerifiesWithTheKeysVerifierAndGivesItsTimestamp() {
        SignedNote.Signature cosignature = key.cosign(BODY, NOW);

        assertThat(verifier.matches(cosignature)).isTrue();
        assertThat(verifier.verify(BODY, cosignature)).hasValue(NOW);
    }

    @Test
    void aCosignatureDoesNotVerifyOverAnotherBody() {
        SignedNote.Signature cosignature = key.cosign(BODY, NOW);

        assertThat(verifier.verify(BODY.replace("\n5\n", "\n6\n"), cosignature)).isEmpty();
    }

    @Test
    void aCosignatureWithAChangedTimestampDoesNotVerify() {
        byte[] bytes = key.cosign(BODY, NOW).signature();
        ByteBuffer.wrap(bytes).putLong(NOW + 1);

        assertThat(verifier.verify(BODY, new SignedNote.Signature(NAME, key.keyId(), bytes))).isEmpty();
    }

    @Test
    void aSignatureOfAnotherLengthOrATimestampAboveTwoToTheSixtyThreeIsRefused() {
        byte[] bytes = key.cosign(BODY, NOW).signature();
        byte[] shorter = Arrays.copyOf(bytes, 64);
        bytes[0] = (byte) 0x80;

        assertThat(verifier.verify(BODY, new SignedNote.Signature(NAME, key.keyId(), shorter))).isEmpty();
        assertThat(verifier.verify(BODY, new SignedNote.Signature(NAME, key.keyId(), bytes))).isEmpty();
    }

    @Test
    void aSignatureOfAnotherNameOrKeyIdDoesNotMatchAndIsNotVerified() {
        CosignerKey other = CosignerKey.generate("witness.example/w2", new SecureRandom());
        SignedNote.Signature foreign = other.cosign(BODY, NOW);

        assertThat(verifier.matches(foreign)).isFalse();
        assertThat(verifier.verify(BODY, foreign)).isEmpty();
    }

    @Test
    void theLogsNoteVerifierKeyIsRefusedAsACosignerKeyBecauseItsTypeIsNotFour() {
        String logKey = LedgerKeys.generate("ledger.example/incidents", new SecureRandom()).verifierKey();

        assertThatThrownBy(() -> CosignatureVerifier.fromVerifierKey(logKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type 0x04");
    }

    @Test
    void aVerifierKeyWithAWrongKeyIdOrMalformedIsRefused() {
        String vkey = key.verifierKey();
        String[] parts = vkey.split("\\+", 3);
        String wrongId = parts[0] + "+00000000+" + parts[2];

        assertThatThrownBy(() -> CosignatureVerifier.fromVerifierKey(wrongId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> CosignatureVerifier.fromVerifierKey("not a key"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyCheckpointsAreCosigned() {
        assertThatThrownBy(() -> key.cosign("just a note\n", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyAndLoadedAgainAsTheSameKey() throws IOException {
        Path file = dir.resolve("keys/witness.key");

        CosignerKey created = CosignerKey.loadOrCreate(file, NAME);
        CosignerKey loaded = CosignerKey.loadOrCreate(file, NAME);

        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+" + NAME + "+" + String.format("%08x",
                created.keyId()) + "+");
        assertThat(loaded.verifierKey()).isEqualTo(created.verifierKey());
        assertThat(CosignerKey.load(file).verifierKey()).isEqualTo(created.verifierKey());
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileForAnotherNameIsNeitherUsedNorReplaced() throws IOException {
        Path file = dir.resolve("witness.key");
        CosignerKey.loadOrCreate(file, NAME);
        String before = Files.readString(file);

        assertThatThrownBy(() -> CosignerKey.loadOrCreate(file, "witness.example/other"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aLogSignerKeyOfTypeOneIsNotACosignerKey() throws IOException {
        Path file = dir.resolve("ledger.key");
        LedgerKeys.loadOrCreate(file, NAME);

        assertThatThrownBy(() -> CosignerKey.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x04");
    }

    @Test
    void theKeyNeverShowsInToStringOrErrors() throws IOException {
        Path file = dir.resolve("witness.key");
        CosignerKey created = CosignerKey.loadOrCreate(file, NAME);
        String secret = Files.readString(file).strip().substring(("PRIVATE+KEY+" + NAME + "+").length() + 9);

        assertThat(created.toString()).doesNotContain(secret).contains(NAME);
        Files.writeString(dir.resolve("bad.key"), "PRIVATE+KEY+" + NAME + "+00000000+" + secret + "\n");
        assertThatThrownBy(() -> CosignerKey.load(dir.resolve("bad.key")))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }
}
