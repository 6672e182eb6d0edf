package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Cosignatures byte for byte against values computed here independently of the production code: the key pair is
 * RFC 8032's test 1, the key ID and message are built from the c2sp.org/tlog-cosignature text, and the signature
 * is made and checked with the JDK's own Ed25519, not BouncyCastle.
 */
class CosignatureKnownAnswerTest {

    /** RFC 8032, section 7.1, test 1: secret key (the seed). */
    private static final byte[] SEED =
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    /** RFC 8032, section 7.1, test 1: public key. */
    private static final byte[] PUBLIC_KEY =
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    private static final String NAME = "witness.example.com/w1";

    /** The checkpoint and time of the spec's example signed message. */
    private static final String BODY = "example.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    private static final long TIMESTAMP = 1679315147L;

    /** The spec's example message, copied from c2sp.org/tlog-cosignature, "Ed25519 signed message". */
    private static final String SPEC_MESSAGE = """
            cosignature/v1
            time 1679315147
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
            """;

    /** The spec's example cosignature line, from c2sp.org/tlog-cosignature (its key is not published). */
    private static final String SPEC_COSIGNATURE_LINE = "\u2014 witness.example.com/w1 "
            + "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";

    @Test
    void theKeyIdIsTheFirstFourBytesOfTheHashOfNameNewlineTypeFourAndPublicKey() throws Exception {
        assertThat(CosignerKey.fromSeed(NAME, SEED).keyId()).isEqualTo(expectedKeyId());
    }

    @Test
    void theVerifierKeyIsNameKeyIdAndTypeFourPublicKey() throws Exception {
        String expected = NAME + "+" + String.format("%08x", expectedKeyId()) + "+"
                + Base64.getEncoder().encodeToString(ByteBuffer.allocate(33).put((byte) 0x04).put(PUBLIC_KEY)
                        .array());

        assertThat(CosignerKey.fromSeed(NAME, SEED).verifierKey()).isEqualTo(expected);
    }

    @Test
    void aCosignatureLineIsByteForByteTheJdkEd25519SignatureOfTheSpecsMessage() throws Exception {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(jdkPrivateKey());
        jdk.update(SPEC_MESSAGE.getBytes(StandardCharsets.UTF_8));
        byte[] expectedSignature = jdk.sign();
        String expectedLine = "\u2014 " + NAME + " " + Base64.getEncoder().encodeToString(ByteBuffer.allocate(76)
                .putInt(expectedKeyId()).putLong(TIMESTAMP).put(expectedSignature).array());

        SignedNote.Signature cosignature = CosignerKey.fromSeed(NAME, SEED).cosign(BODY, TIMESTAMP);

        assertThat(cosignature.toLine()).isEqualTo(expectedLine);
    }

    @Test
    void theJdkVerifiesTheCosignatureOverTheSpecsMessage() throws Exception {
        byte[] timestamped = CosignerKey.fromSeed(NAME, SEED).cosign(BODY, TIMESTAMP).signature();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(jdkPublicKey());
        jdk.update(SPEC_MESSAGE.getBytes(StandardCharsets.UTF_8));

        assertThat(ByteBuffer.wrap(timestamped).getLong()).isEqualTo(TIMESTAMP);
        assertThat(jdk.verify(timestamped, 8, 64)).isTrue();
    }

    @Test
    void aSignatureMadeByTheJdkVerifiesWithTheCosignatureVerifierAndGivesItsTimestamp() throws Exception {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(jdkPrivateKey());
        jdk.update(SPEC_MESSAGE.getBytes(StandardCharsets.UTF_8));
        byte[] timestamped = ByteBuffer.allocate(72).putLong(TIMESTAMP).put(jdk.sign()).array();
        CosignatureVerifier verifier = CosignatureVerifier.fromVerifierKey(
                CosignerKey.fromSeed(NAME, SEED).verifierKey());

        assertThat(verifier.verify(BODY, new SignedNote.Signature(NAME, expectedKeyId(), timestamped)))
                .hasValue(TIMESTAMP);
    }

    @Test
    void theSpecsExampleCosignatureCarriesItsKeyIdThenTheTimestampOfTheExampleMessageThenSixtyFourBytes() {
        SignedNote note = SignedNote.parse(BODY + "\n" + SPEC_COSIGNATURE_LINE + "\n");
        byte[] bytes = note.signatures().get(0).signature();

        assertThat(note.signatures().get(0).keyIdHex()).isEqualTo("8d66cf3f");
        assertThat(bytes).hasSize(72);
        assertThat(ByteBuffer.wrap(bytes).getLong()).isEqualTo(TIMESTAMP);
    }

    private static int expectedKeyId() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((NAME + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0x04);
        sha256.update(PUBLIC_KEY);
        return ByteBuffer.wrap(sha256.digest()).getInt();
    }

    private static PrivateKey jdkPrivateKey() throws Exception {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
                SEED));
    }

    private static PublicKey jdkPublicKey() throws Exception {
        // SubjectPublicKeyInfo for Ed25519 (RFC 8410): a fixed 12-byte header, then the 32-byte key.
        byte[] spki = ByteBuffer.allocate(44).put(HexFormat.of().parseHex("302a300506032b6570032100"))
                .put(PUBLIC_KEY).array();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }
}
