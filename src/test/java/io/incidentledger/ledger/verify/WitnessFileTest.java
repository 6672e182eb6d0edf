package io.incidentledger.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.ledger.log.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessFileTest {

    private static final String LOG_ID = "0b7c3f52-1d7e-4a8e-9c2b-2f4d6a8e0c11";
    private static final NoteSigner SIGNER = LedgerKeys.generate("example.org/log", new SecureRandom());
    private static final NoteSigner OTHER_SIGNER = LedgerKeys.generate("example.org/log", new SecureRandom());
    private static final String NOTE = SIGNER.sign(
            new Checkpoint("example.org/log", 3, MerkleHashes.leafHash(new byte[32])).toNoteText());

    @TempDir
    Path directory;

    @Test
    void aWrittenWitnessNamesItsLogAboveTheCheckpointNote() throws IOException {
        WitnessFile file = file();

        file.write(LOG_ID, NOTE);

        assertThat(Files.readString(directory.resolve("witness"), StandardCharsets.UTF_8))
                .isEqualTo("incident-ledger witness v1\nlog " + LOG_ID + "\n\n" + NOTE);
        WitnessFile.Witness witness = file.read().orElseThrow();
        assertThat(witness.logId()).isEqualTo(LOG_ID);
        assertThat(witness.note()).isEqualTo(NOTE);
        assertThat(witness.checkpoint().treeSize()).isEqualTo(3);
    }

    @Test
    void aWitnessFromBeforeLogIdentitiesIsTheBareNoteAndNamesNoLog() throws IOException {
        Files.writeString(directory.resolve("witness"), NOTE, StandardCharsets.UTF_8);

        WitnessFile.Witness witness = file().read().orElseThrow();

        assertThat(witness.logId()).isNull();
        assertThat(witness.checkpoint().treeSize()).isEqualTo(3);
    }

    @Test
    void aWitnessWithABrokenHeaderOrAnotherKeysSignatureIsNoWitness() throws IOException {
        Path path = directory.resolve("witness");
        Files.writeString(path, "incident-ledger witness v1\nlog\n\n" + NOTE, StandardCharsets.UTF_8);
        assertThat(file().read()).isEmpty();

        Files.writeString(path, "incident-ledger witness v1\nlog " + LOG_ID + "\n" + NOTE, StandardCharsets.UTF_8);
        assertThat(file().read()).isEmpty();

        String foreign = OTHER_SIGNER.sign(new Checkpoint("example.org/log", 3, new byte[32]).toNoteText());
        Files.writeString(path, "incident-ledger witness v1\nlog " + LOG_ID + "\n\n" + foreign,
                StandardCharsets.UTF_8);
        assertThat(file().read()).isEmpty();
        assertThat(Files.readString(path, StandardCharsets.UTF_8)).as("left as it was").endsWith(foreign);
    }

    @Test
    void aWitnessSetAsideKeepsItsBytesNextToWhereItWasUnderTheNameOfItsLog() throws IOException {
        WitnessFile file = file();
        file.write(LOG_ID, NOTE);
        byte[] before = Files.readAllBytes(directory.resolve("witness"));

        Path aside = file.setAside(LOG_ID);

        assertThat(aside).isEqualTo(directory.resolve("witness.replaced-" + LOG_ID).toAbsolutePath().normalize());
        assertThat(Files.readAllBytes(aside)).isEqualTo(before);
        assertThat(file.read()).isEmpty();
    }

    private WitnessFile file() {
        return new WitnessFile(directory.resolve("witness"), new NoteVerifier(SIGNER.verifierKey()));
    }
}
