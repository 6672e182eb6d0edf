package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The add-checkpoint request body of c2sp.org/tlog-witness, and the 409 size answer. */
class AddCheckpointRequestTest {

    /** The example request body of c2sp.org/tlog-witness, "add-checkpoint", verbatim without its indentation. */
    private static final String SPEC_EXAMPLE = """
            old 20852014
            PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
            jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
            5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
            /6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

            — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
            — example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
            """;

    private static final String SPEC_NOTE = SPEC_EXAMPLE.substring(SPEC_EXAMPLE.indexOf("\n\n") + 2);
    private static final String HASH = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=";

    @Test
    void theSpecsExampleBodyParsesIntoItsOldSizeFourHashesAndTheNoteVerbatim() {
        AddCheckpointRequest request = AddCheckpointRequest.parse(bytes(SPEC_EXAMPLE));

        assertThat(request.oldSize()).isEqualTo(20852014L);
        assertThat(request.consistencyProof()).hasSize(4);
        assertThat(Base64.getEncoder().encodeToString(request.consistencyProof().get(3)))
                .isEqualTo("/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=");
        assertThat(request.checkpointNote()).isEqualTo(SPEC_NOTE).startsWith("example.com/behind-the-sofa\n");
        assertThat(request.checkpoint().treeSize()).isEqualTo(20852163L);
        assertThat(request.note().signatures()).hasSize(2);
    }

    @Test
    void formattingTheParsedSpecExampleGivesItsBytesBack() {
        assertThat(AddCheckpointRequest.parse(bytes(SPEC_EXAMPLE)).format()).isEqualTo(SPEC_EXAMPLE);
    }

    @Test
    void aRequestBuiltFromAProofAndASignedCheckpointParsesBackEqual() {
        InMemoryNodeSource leaves = new InMemoryNodeSource();
        for (int i = 0; i < 7; i++) {
            leaves.append(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        MerkleTree tree = new MerkleTree(leaves);
        NoteSigner log = LedgerKeys.generate("ledger.example/incidents", new SecureRandom());
        String note = log.sign(new Checkpoint("ledger.example/incidents", 7, tree.root(7)).toNoteText());
        AddCheckpointRequest request = new AddCheckpointRequest(3, tree.consistencyProof(3, 7), note);

        AddCheckpointRequest parsed = AddCheckpointRequest.parse(bytes(request.format()));

        assertThat(parsed).isEqualTo(request);
        assertThat(parsed.format()).startsWith("old 3\n").contains("\n\n" + note).endsWith(note);
    }

    @Test
    void anOldSizeOfZeroWithoutProofIsOldZeroAndAnEmptyLine() {
        AddCheckpointRequest request = new AddCheckpointRequest(0, List.of(), SPEC_NOTE);

        assertThat(request.format()).isEqualTo("old 0\n\n" + SPEC_NOTE);
        assertThat(AddCheckpointRequest.parse(bytes("old 0\n\n" + SPEC_NOTE)).oldSize()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "20852014\n",
        "Old 20852014\n",
        "old  20852014\n",
        "old 020852014\n",
        "old 00\n",
        "old -1\n",
        "old +5\n",
        "old 9223372036854775808\n",
        "old 99999999999999999999\n",
        "old 20852014 \n",
        "old 20852014\r\n",
        "old 0x10\n",
        "old \n",
    })
    void aBadOldSizeLineIsRefused(String firstLine) {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes(firstLine + "\n" + SPEC_NOTE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old");
    }

    @Test
    void aBodyWithoutNewlineAfterTheOldSizeIsRefused() {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old size line");
    }

    @Test
    void sixtyThreeProofLinesAreAcceptedButSixtyFourAreRefused() {
        String sixtyThree = String.join("", Collections.nCopies(63, HASH + "\n"));
        String sixtyFour = sixtyThree + HASH + "\n";

        assertThat(AddCheckpointRequest.parse(bytes("old 1\n" + sixtyThree + "\n" + SPEC_NOTE))
                .consistencyProof()).hasSize(63);
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 1\n" + sixtyFour + "\n" + SPEC_NOTE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 63");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkax=",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw= ",
        " PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\r",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpk-w=",
        "AAAA",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkawA",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=PlRN",
    })
    void aProofLineThatIsNotTheCanonicalBase64OfAThirtyTwoByteHashIsRefused(String line) {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 5\n" + line + "\n\n" + SPEC_NOTE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consistency proof line 1");
    }

    @Test
    void aBodyWithoutTheEmptyLineBeforeTheCheckpointIsRefused() {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 5\n" + HASH + "\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty line");
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 5\n" + HASH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty line");
    }

    @Test
    void aCheckpointRightAfterTheOldSizeLineIsRefusedAsABadProofLine() {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 5\n" + SPEC_NOTE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = bytes("old 0\n\n" + SPEC_NOTE);
        body[10] = (byte) 0xff;

        assertThatThrownBy(() -> AddCheckpointRequest.parse(body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void aNoteThatIsNotASignedCheckpointIsRefused() {
        String unsigned = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        String notACheckpoint = SPEC_NOTE.replace("\n20852163\n", "\n020852163\n");

        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 0\n\n" + unsigned)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signed note");
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 0\n\n" + notACheckpoint)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoint");
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 0\n\n" + SPEC_NOTE + "trailing")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 0\n\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOldSizeAboveTheCheckpointsSizeIsRefused() {
        assertThatThrownBy(() -> AddCheckpointRequest.parse(bytes("old 20852164\n\n" + SPEC_NOTE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than");
    }

    @Test
    void theRecordRefusesWhatCouldNotBeWritten() {
        List<byte[]> sixtyFour = new ArrayList<>(Collections.nCopies(64, new byte[32]));

        assertThatThrownBy(() -> new AddCheckpointRequest(-1, List.of(), SPEC_NOTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddCheckpointRequest(1, sixtyFour, SPEC_NOTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddCheckpointRequest(1, List.of(new byte[31]), SPEC_NOTE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSizeAnswerIsADecimalAndANewline() {
        assertThat(AddCheckpointRequest.parseSizeResponse("20852014\n")).isEqualTo(20852014L);
        assertThat(AddCheckpointRequest.parseSizeResponse("0\n")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20852014", "020\n", "-1\n", "20\n\n", " 20\n", "", "\n", "9223372036854775808\n",
        "20\r\n"})
    void aSizeAnswerInAnyOtherFormIsRefused(String body) {
        assertThatThrownBy(() -> AddCheckpointRequest.parseSizeResponse(body))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
