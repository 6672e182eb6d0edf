package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The signed-note syntax of c2sp.org/signed-note: parsing, formatting and what is rejected. */
class SignedNoteTest {

    private static final String TEXT = "example.com/log\n7\nline three\n";
    private static final String SIGNATURE_LINE = "\u2014 example.com/log AAAAAQID\n";

    @Test
    void parsingSplitsTextAndSignaturesAtTheBlankLine() {
        SignedNote note = SignedNote.parse(TEXT + "\n" + SIGNATURE_LINE);

        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.signatures()).containsExactly(
                new SignedNote.Signature("example.com/log", 0x00000001, new byte[] {2, 3}));
    }

    @Test
    void formattingAParsedNoteGivesTheSameString() {
        String wire = TEXT + "\n" + SIGNATURE_LINE + "\u2014 other.example/witness AAAAAgQF\n";

        assertThat(SignedNote.parse(wire).format()).isEqualTo(wire);
    }

    @Test
    void theTextEndsBeforeTheLastBlankLineSoItMayHoldBlankLinesItself() {
        String text = "first paragraph\n\nsecond paragraph\n";

        assertThat(SignedNote.parse(text + "\n" + SIGNATURE_LINE).text()).isEqualTo(text);
    }

    @Test
    void parsingUtf8BytesRejectsInvalidUtf8() {
        byte[] invalid = (TEXT + "\n" + SIGNATURE_LINE).getBytes(StandardCharsets.UTF_8);
        invalid[0] = (byte) 0xff;

        assertThatThrownBy(() -> SignedNote.parse(invalid)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aNoteWithoutBlankLineIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + SIGNATURE_LINE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNoteWithoutSignaturesIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureLineWithoutFinalNewlineIsRejected() {
        String note = TEXT + "\n" + SIGNATURE_LINE.substring(0, SIGNATURE_LINE.length() - 1);

        assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineAfterTheSignaturesThatIsNoSignatureIsRejected() {
        String note = TEXT + "\n" + SIGNATURE_LINE + "Unexpected line.\n";

        assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureLineWithAHyphenInsteadOfAnEmDashIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n- example.com/log AAAAAQID\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyNameWithAPlusIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n\u2014 a+b AAAAAQID\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyNameWithANoBreakSpaceIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n\u2014 a\u00a0b AAAAAQID\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureOfOnlyAKeyIdIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n\u2014 example.com/log AAAAAQ==\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureInUnpaddedBase64IsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n\u2014 example.com/log AAAAAQI\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureInNonCanonicalBase64IsRejected() {
        // "AAAAAQJ=" decodes to the same bytes as "AAAAAQI=" but sets a padding bit.
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n\u2014 example.com/log AAAAAQJ=\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aControlCharacterOtherThanNewlineIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse("tab\there\n\n" + SIGNATURE_LINE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCarriageReturnIsRejected() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n" + SIGNATURE_LINE.replace("\n", "\r\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreThanTheMaximumNumberOfSignaturesIsRejected() {
        String note = TEXT + "\n" + SIGNATURE_LINE.repeat(SignedNote.MAX_SIGNATURES + 1);

        assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void sixteenSignaturesAreAcceptedAsTheSpecRequires() {
        assertThat(SignedNote.parse(TEXT + "\n" + SIGNATURE_LINE.repeat(16)).signatures()).hasSize(16);
    }

    @Test
    void aTextWithoutFinalNewlineCannotBeSigned() {
        NoteSigner signer = LedgerKeys.generate("example.com/log", new SecureRandom());

        assertThatThrownBy(() -> signer.sign("no newline")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNoteNeedsAtLeastOneSignature() {
        assertThatThrownBy(() -> new SignedNote(TEXT, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
