package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.ledger.log.NoteVerifier.NoteVerificationException;
import org.junit.jupiter.api.Test;

/** Signing with {@link NoteSigner} and verifying with {@link NoteVerifier}. */
class SignedNoteVerificationTest {

    private static final String ORIGIN = "ledger.example/incidents";
    private static final String TEXT = ORIGIN + "\n3\nAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n";

    private final SecureRandom random = new SecureRandom();
    private final NoteSigner signer = LedgerKeys.generate(ORIGIN, random);
    private final NoteVerifier verifier = new NoteVerifier(signer.verifierKey());

    @Test
    void aNoteSignedByTheKeyVerifiesAndGivesBackItsText() {
        assertThat(verifier.verify(signer.sign(TEXT))).isEqualTo(TEXT);
    }

    @Test
    void theVerifierKnowsTheSignersNameAndKeyId() {
        assertThat(verifier.keyName()).isEqualTo(ORIGIN);
        assertThat(verifier.keyId()).isEqualTo(signer.keyId());
        assertThat(verifier.verifierKey()).isEqualTo(signer.verifierKey());
    }

    @Test
    void changingAnyCharacterOfTheSignedNoteMakesItFail() {
        String signed = signer.sign(TEXT);

        for (int i = 0; i < signed.length(); i++) {
            char original = signed.charAt(i);
            String tampered = signed.substring(0, i) + (original == 'A' ? 'B' : 'A') + signed.substring(i + 1);
            int position = i;
            assertThatThrownBy(() -> verifier.verify(tampered)).as("tampered at index %d", position)
                    .isInstanceOf(NoteVerificationException.class);
        }
    }

    @Test
    void flippingAnyBitOfTheSignatureBytesMakesItFail() {
        SignedNote signed = signer.signNote(TEXT);
        SignedNote.Signature signature = signed.signatures().get(0);

        for (int bit = 0; bit < signature.signature().length * 8; bit++) {
            byte[] bytes = signature.signature();
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            String tampered = new SignedNote(TEXT, List.of(
                    new SignedNote.Signature(signature.keyName(), signature.keyId(), bytes))).format();
            int position = bit;
            assertThatThrownBy(() -> verifier.verify(tampered)).as("bit %d flipped", position)
                    .isInstanceOf(NoteVerificationException.class)
                    .hasMessageContaining("invalid signature");
        }
    }

    @Test
    void aNoteSignedOnlyByAnotherKeyWithTheSameNameFails() {
        String signedByOther = LedgerKeys.generate(ORIGIN, random).sign(TEXT);

        assertThatThrownBy(() -> verifier.verify(signedByOther)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature by key " + ORIGIN);
    }

    @Test
    void aSignatureWithTheRightNameAndKeyIdButAnotherKeysSignatureFails() {
        SignedNote.Signature other = LedgerKeys.generate(ORIGIN, random).signNote(TEXT).signatures().get(0);
        String forged = new SignedNote(TEXT, List.of(
                new SignedNote.Signature(ORIGIN, signer.keyId(), other.signature()))).format();

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("invalid signature");
    }

    @Test
    void aValidSignatureUnderAnotherKeyIdIsIgnoredSoTheNoteFails() {
        SignedNote.Signature genuine = signer.signNote(TEXT).signatures().get(0);
        String wrongId = new SignedNote(TEXT, List.of(
                new SignedNote.Signature(ORIGIN, signer.keyId() + 1, genuine.signature()))).format();

        assertThatThrownBy(() -> verifier.verify(wrongId)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature");
    }

    @Test
    void signaturesOfUnknownKeysAreTolerated() {
        List<SignedNote.Signature> signatures = new ArrayList<>();
        signatures.add(new SignedNote.Signature("witness.example/w1", 0x12345678, new byte[] {1, 2, 3}));
        signatures.addAll(signer.signNote(TEXT).signatures());
        signatures.add(LedgerKeys.generate("witness.example/w2", random).signNote(TEXT).signatures().get(0));
        String cosigned = new SignedNote(TEXT, signatures).format();

        assertThat(verifier.verify(cosigned)).isEqualTo(TEXT);
    }

    @Test
    void aMalformedNoteFailsVerificationWithTheReason() {
        assertThatThrownBy(() -> verifier.verify(TEXT)).isInstanceOf(NoteVerificationException.class)
                .hasMessageStartingWith("malformed signed note")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerifierKeyWithAWrongKeyIdIsRefused() {
        String key = signer.verifierKey();
        String[] parts = key.split("\\+", 3);
        String wrongId = parts[0] + "+" + String.format("%08x", signer.keyId() ^ 1) + "+" + parts[2];

        assertThatThrownBy(() -> new NoteVerifier(wrongId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aVerifierKeyOfAnotherAlgorithmIsRefused() {
        // From note_test.go TestNewVerifier: algorithm byte 0x65 with an adjusted key ID.
        String otherAlgorithm = "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

        assertThatThrownBy(() -> new NoteVerifier(otherAlgorithm)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignerKeyWithAWrongKeyIdIsRefusedWithoutQuotingTheKey() {
        // PRIVATE, KEY, name, key ID, key material; the material itself may contain '+'.
        String[] parts = signer.signerKey().split("\\+", 5);
        String material = parts[4];
        String wrongId = "PRIVATE+KEY+" + parts[2] + "+" + String.format("%08x", signer.keyId() ^ 1) + "+" + material;

        assertThatThrownBy(() -> NoteSigner.fromSignerKey(wrongId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match")
                .hasMessageNotContaining(material);
    }

    @Test
    void theSignerDoesNotShowItsKeyAsAString() {
        String material = signer.signerKey().split("\\+", 5)[4];

        assertThat(signer.toString()).isEqualTo("NoteSigner[" + ORIGIN + "+" + String.format("%08x", signer.keyId())
                + "]").doesNotContain(material);
    }
}
