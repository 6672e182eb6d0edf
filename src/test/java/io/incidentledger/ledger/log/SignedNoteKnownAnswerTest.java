package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Interoperability with the reference implementation, golang.org/x/mod/sumdb/note: the key, text and
 * signatures below are copied verbatim from its note_test.go (TestNewSigner, TestSign, TestOpen). Ed25519 is
 * deterministic, so the same key and text must give the same signature, byte for byte.
 */
class SignedNoteKnownAnswerTest {

    /** note_test.go TestNewSigner / TestSign: skey. */
    private static final String PETER_SIGNER_KEY =
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    /** note_test.go TestNewVerifier / TestOpen: peterKey. */
    private static final String PETER_VERIFIER_KEY =
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    /** note_test.go TestOpen: enochKey, a second key whose private half is not published. */
    private static final String ENOCH_VERIFIER_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

    /** note_test.go TestSign / TestOpen: text. */
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";

    /** note_test.go TestOpen: peterSig, the signature line TestSign expects for TEXT. */
    private static final String PETER_SIGNATURE_LINE = "\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    /** note_test.go TestOpen: enochSig. */
    private static final String ENOCH_SIGNATURE_LINE = "\u2014 EnochRoot "
            + "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    @Test
    void theReferenceSignerKeyHasKeyIdC74f20a3() {
        assertThat(NoteSigner.fromSignerKey(PETER_SIGNER_KEY).keyId()).isEqualTo(0xc74f20a3);
    }

    @Test
    void theVerifierKeyDerivedFromTheReferenceSignerKeyIsTheReferenceVerifierKey() {
        assertThat(NoteSigner.fromSignerKey(PETER_SIGNER_KEY).verifierKey()).isEqualTo(PETER_VERIFIER_KEY);
    }

    @Test
    void signingTheReferenceTextGivesTheReferenceSignedNoteByteForByte() {
        String signed = NoteSigner.fromSignerKey(PETER_SIGNER_KEY).sign(TEXT);

        assertThat(signed).isEqualTo(TEXT + "\n" + PETER_SIGNATURE_LINE);
    }

    @Test
    void theReferenceVerifierKeyAcceptsTheReferenceSignedNote() {
        NoteVerifier verifier = new NoteVerifier(PETER_VERIFIER_KEY);

        assertThat(verifier.keyId()).isEqualTo(0xc74f20a3);
        assertThat(verifier.verify(TEXT + "\n" + PETER_SIGNATURE_LINE)).isEqualTo(TEXT);
    }

    @Test
    void eachKeyOfTheReferenceDoublySignedNoteAcceptsItIgnoringTheOtherSignature() {
        String doublySigned = TEXT + "\n" + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE;

        assertThat(new NoteVerifier(PETER_VERIFIER_KEY).verify(doublySigned)).isEqualTo(TEXT);
        assertThat(new NoteVerifier(ENOCH_VERIFIER_KEY).verify(doublySigned)).isEqualTo(TEXT);
    }

    @Test
    void theReferenceSignerKeyIsWrittenBackInTheSameEncoding() {
        assertThat(NoteSigner.fromSignerKey(PETER_SIGNER_KEY).signerKey()).isEqualTo(PETER_SIGNER_KEY);
    }
}
