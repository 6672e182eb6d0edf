package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import io.incidentledger.ledger.log.NoteVerifier.NoteVerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's keys on disk, as two nodes sharing the key directory see them, and which key verifies which checkpoint. */
class LedgerKeyringTest {

    private static final String NAME = "ledger.example.com/incidents";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long ROTATION_SIZE = 10;

    @TempDir
    Path directory;

    @Test
    void aRotatedKeyIsWrittenOwnerOnlyNextToTheFirstKeyAndNamedByItsKeyId() throws IOException {
        Path first = directory.resolve("ledger-signing.key");
        LedgerKeys.loadOrCreate(first, NAME);

        NoteSigner rotated = LedgerKeys.createRotated(first, NAME, RANDOM);

        Path file = directory.resolve("ledger-signing.key." + String.format("%08x", rotated.keyId()));
        assertThat(LedgerKeys.load(file).verifierKey()).isEqualTo(rotated.verifierKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LedgerKeys.loadRotated(first)).extracting(NoteSigner::verifierKey)
                .containsExactly(rotated.verifierKey());
    }

    @Test
    void aRotatedKeyFileHoldingAnotherKeyThanItsNameSaysIsRefused() throws IOException {
        Path first = directory.resolve("ledger-signing.key");
        NoteSigner key = LedgerKeys.generate(NAME, RANDOM);
        Files.writeString(first.resolveSibling("ledger-signing.key.00000000"), key.signerKey() + "\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LedgerKeys.loadRotated(first)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the one its name says");
    }

    @Test
    void aNodeStartedBeforeARotationFindsTheKeyAnotherNodeWrote() throws IOException {
        Path first = directory.resolve("ledger-signing.key");
        NoteSigner firstKey = LedgerKeys.loadOrCreate(first, NAME);
        LedgerKeyring otherNode = new LedgerKeyring(NAME, first, firstKey, List.of(), null);
        LedgerKeyring rotatingNode = new LedgerKeyring(NAME, first, firstKey, List.of(), null);

        NoteSigner created = rotatingNode.createNext();

        assertThat(otherNode.signer(created.verifierKey())).get().extracting(NoteSigner::keyId)
                .isEqualTo(created.keyId());
        assertThat(otherNode.signer(LedgerKeys.generate(NAME, RANDOM).verifierKey())).isEmpty();
    }

    @Test
    void eachCheckpointVerifiesOnlyWithTheKeyCurrentForItsTreeSize() throws IOException {
        Path first = directory.resolve("ledger-signing.key");
        NoteSigner oldKey = LedgerKeys.loadOrCreate(first, NAME);
        LedgerKeyring keyring = new LedgerKeyring(NAME, first, oldKey, List.of(), null);
        NoteSigner newKey = keyring.createNext();
        KeySchedule schedule = new KeySchedule(oldKey.verifierKey(), List.of(new KeySchedule.Rotation(
                oldKey.verifierKey(), newKey.verifierKey(), ROTATION_SIZE, "yearly", Instant.EPOCH, 42)));

        String last = oldKey.sign(checkpoint(ROTATION_SIZE));
        String next = newKey.sign(checkpoint(ROTATION_SIZE + 1));
        String retiredSigned = oldKey.sign(checkpoint(ROTATION_SIZE + 1));

        assertThat(keyring.verifyCheckpoint(schedule, last, ROTATION_SIZE)).isEqualTo(checkpoint(ROTATION_SIZE));
        assertThat(keyring.verifyCheckpoint(schedule, next, ROTATION_SIZE + 1))
                .isEqualTo(checkpoint(ROTATION_SIZE + 1));
        assertThatThrownBy(() -> keyring.verifyCheckpoint(schedule, retiredSigned, ROTATION_SIZE + 1))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("which signs tree sizes 0 to 10 only")
                .hasMessageContaining("a retired key signed after its rotation");
        assertThatThrownBy(() -> keyring.verifyCheckpoint(schedule, newKey.sign(checkpoint(5)), 5))
                .isInstanceOf(NoteVerificationException.class);
        assertThat(keyring.verifyAnyKey(retiredSigned)).isEqualTo(checkpoint(ROTATION_SIZE + 1));
        assertThatThrownBy(() -> keyring.verifyAnyKey(LedgerKeys.generate(NAME, RANDOM).sign(checkpoint(3))))
                .isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void aScheduleThatRotatesBackToARetiredKeyOrAwayFromAKeyNotCurrentDoesNotAddUp() {
        String a = LedgerKeys.generate(NAME, RANDOM).verifierKey();
        String b = LedgerKeys.generate(NAME, RANDOM).verifierKey();
        String c = LedgerKeys.generate(NAME, RANDOM).verifierKey();
        KeySchedule back = new KeySchedule(a, List.of(rotation(a, b, 10, 1), rotation(b, a, 20, 2)));
        KeySchedule skipped = new KeySchedule(a, List.of(rotation(a, b, 10, 1), rotation(a, c, 20, 2)));
        KeySchedule sound = new KeySchedule(a, List.of(rotation(a, b, 10, 1), rotation(b, c, 20, 2)));

        assertThat(back.problems()).singleElement().asString().contains("already used");
        assertThat(skipped.problems()).singleElement().asString().contains("but the current key was");
        assertThat(sound.problems()).isEmpty();
        assertThat(sound.keyFor(0)).isEqualTo(a);
        assertThat(sound.keyFor(10)).isEqualTo(a);
        assertThat(sound.keyFor(11)).isEqualTo(b);
        assertThat(sound.keyFor(21)).isEqualTo(c);
        assertThat(sound.current()).isEqualTo(c);
    }

    private static KeySchedule.Rotation rotation(String from, String to, long size, long globalIndex) {
        return new KeySchedule.Rotation(from, to, size, "reason", Instant.EPOCH, globalIndex);
    }

    private static String checkpoint(long size) {
        return new Checkpoint(NAME, size, new byte[32]).toNoteText();
    }
}
