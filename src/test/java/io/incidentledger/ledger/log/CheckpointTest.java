package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The checkpoint body of c2sp.org/tlog-checkpoint: writing, strict parsing and signing. */
class CheckpointTest {

    private static final String ORIGIN = "ledger.example/incidents";
    private static final byte[] ROOT = Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");

    @Test
    void theNoteTextIsOriginSizeAndRootHashEachOnALine() {
        String text = new Checkpoint("example.com/behind-the-sofa", 20852163, ROOT).toNoteText();

        // The body of the example in tlog-checkpoint.md.
        assertThat(text).isEqualTo("example.com/behind-the-sofa\n20852163\n"
                + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    }

    @Test
    void aCheckpointWithExtensionLinesSurvivesARoundTrip() {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 42, ROOT, List.of("ext one", "ext two"));

        assertThat(checkpoint.toNoteText()).endsWith("\next one\next two\n");
        assertThat(Checkpoint.parse(checkpoint.toNoteText())).isEqualTo(checkpoint);
    }

    @Test
    void anEmptyTreeHasSizeZero() {
        Checkpoint empty = Checkpoint.parse(ORIGIN + "\n0\n" + Base64.getEncoder().encodeToString(ROOT) + "\n");

        assertThat(empty.treeSize()).isZero();
        assertThat(empty.extensions()).isEmpty();
    }

    @Test
    void aSignedCheckpointVerifiesAndParsesBackToTheSameCheckpoint() {
        NoteSigner signer = LedgerKeys.generate(ORIGIN, new SecureRandom());
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 7, ROOT);

        String signed = signer.sign(checkpoint.toNoteText());
        String verified = new NoteVerifier(signer.verifierKey()).verify(signed);

        assertThat(Checkpoint.parse(verified)).isEqualTo(checkpoint);
    }

    @Test
    void aTextWithoutFinalNewlineIsRejected() {
        assertParseFails(ORIGIN + "\n1\n" + b64(ROOT), "end with a newline");
    }

    @Test
    void aTextWithFewerThanThreeLinesIsRejected() {
        assertParseFails(ORIGIN + "\n1\n", "needs origin, tree size and root hash");
    }

    @Test
    void anEmptyOriginIsRejected() {
        assertParseFails("\n1\n" + b64(ROOT) + "\n", "line 1 is empty");
    }

    @Test
    void anEmptyExtensionLineIsRejected() {
        assertParseFails(ORIGIN + "\n1\n" + b64(ROOT) + "\n\n", "line 4 is empty");
    }

    @Test
    void aTreeSizeWithALeadingZeroIsRejected() {
        assertParseFails(ORIGIN + "\n01\n" + b64(ROOT) + "\n", "leading zeros");
    }

    @Test
    void aNegativeTreeSizeIsRejected() {
        assertParseFails(ORIGIN + "\n-1\n" + b64(ROOT) + "\n", "tree size");
    }

    @Test
    void aTreeSizeWithAPlusSignIsRejected() {
        assertParseFails(ORIGIN + "\n+1\n" + b64(ROOT) + "\n", "tree size");
    }

    @Test
    void aTreeSizeBeyondTheLongRangeIsRejected() {
        assertParseFails(ORIGIN + "\n9223372036854775808\n" + b64(ROOT) + "\n", "too large");
    }

    @Test
    void aRootHashThatIsNotBase64IsRejected() {
        assertParseFails(ORIGIN + "\n1\n" + "not*base64\n", "root hash");
    }

    @Test
    void aRootHashWithoutPaddingIsRejected() {
        String unpadded = b64(ROOT).replace("=", "");

        assertParseFails(ORIGIN + "\n1\n" + unpadded + "\n", "root hash");
    }

    @Test
    void aRootHashOtherThan32BytesIsRejected() {
        assertParseFails(ORIGIN + "\n1\n" + b64(new byte[31]) + "\n", "32 bytes");
    }

    @Test
    void aConstructedCheckpointNeeds32ByteRootHash() {
        assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConstructedCheckpointRefusesANegativeSize() {
        assertThatThrownBy(() -> new Checkpoint(ORIGIN, -1, ROOT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConstructedCheckpointRefusesANewlineInTheOrigin() {
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRootHashCannotBeChangedThroughTheRecord() {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 1, ROOT);

        checkpoint.rootHash()[0] ^= 1;

        assertThat(checkpoint.rootHash()).isEqualTo(ROOT);
    }

    private static void assertParseFails(String text, String reason) {
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
