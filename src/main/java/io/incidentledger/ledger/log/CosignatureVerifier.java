package io.incidentledger.ledger.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies Ed25519 {@code cosignature/v1} cosignatures (c2sp.org/tlog-cosignature) of one witness, given as a
 * verifier key {@code <name>+<8 hex digits key ID>+<base64(0x04 || 32-byte public key)>}.
 *
 * <p>A signature line is this witness's only if its key name and key ID both match; others must be ignored by
 * the caller ({@link #matches}). Only the Ed25519 cosignature type is supported, not ML-DSA-44.
 */
public final class CosignatureVerifier {

    private static final Pattern KEY_ID_HEX = Pattern.compile("[0-9a-fA-F]{8}");
    private static final String HEADER = "cosignature/v1\n";

    private final String name;
    private final int keyId;
    private final Ed25519PublicKeyParameters publicKey;

    private CosignatureVerifier(String name, int keyId, Ed25519PublicKeyParameters publicKey) {
        this.name = name;
        this.keyId = keyId;
        this.publicKey = publicKey;
    }

    /**
     * Reads a cosigner verifier key, checking that it is of type 0x04 and that its key ID is the one its name
     * and public key imply.
     *
     * @throws IllegalArgumentException if the key is malformed, of another type, or its key ID does not match
     */
    public static CosignatureVerifier fromVerifierKey(String verifierKey) {
        Objects.requireNonNull(verifierKey, "verifierKey");
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3 || !SignedNote.isValidKeyName(parts[0]) || !KEY_ID_HEX.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("a cosigner verifier key must be <name>+<8 hex digits>+<base64 key>: "
                    + verifierKey);
        }
        byte[] encoded = SignedNote.decodeBase64Strictly(parts[2], "cosigner verifier key");
        if (encoded.length == 0 || encoded[0] != CosignerKey.COSIGNATURE_V1) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 cosigner key (type 0x04"
                    + (encoded.length == 0 ? "" : ", found 0x" + String.format("%02x", encoded[0])) + "): "
                    + verifierKey);
        }
        if (encoded.length != 1 + NoteVerifier.ED25519_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 cosigner verifier key holds 0x04 and 32 bytes, not "
                    + (encoded.length - 1) + ": " + verifierKey);
        }
        byte[] key = new byte[NoteVerifier.ED25519_KEY_SIZE];
        System.arraycopy(encoded, 1, key, 0, key.length);
        int claimedId = Integer.parseUnsignedInt(parts[1], 16);
        int derivedId = cosignatureKeyId(parts[0], key);
        if (claimedId != derivedId) {
            throw new IllegalArgumentException("cosigner verifier key ID " + parts[1]
                    + " does not match its name and key (" + String.format("%08x", derivedId) + ")");
        }
        return new CosignatureVerifier(parts[0], derivedId, new Ed25519PublicKeyParameters(key, 0));
    }

    /** The cosigner name. */
    public String name() {
        return name;
    }

    /** The cosigner's 32-bit key ID. */
    public int keyId() {
        return keyId;
    }

    /** The verifier key in its text encoding. */
    public String verifierKey() {
        return encodeVerifierKey(name, publicKey.getEncoded());
    }

    /** Whether a signature line claims to be by this cosigner: same key name and key ID. */
    public boolean matches(SignedNote.Signature signature) {
        return signature.keyName().equals(name) && signature.keyId() == keyId;
    }

    /**
     * Checks a cosignature of a checkpoint body.
     *
     * @param checkpointBody the checkpoint's note text, including its final newline, without signature lines
     * @return the cosignature's timestamp, if the signature is by this cosigner, 72 bytes long, its timestamp is
     *         at most 2^63 - 1 and it verifies over the body; empty otherwise
     */
    public OptionalLong verify(String checkpointBody, SignedNote.Signature signature) {
        Objects.requireNonNull(checkpointBody, "checkpointBody");
        if (!matches(signature)) {
            return OptionalLong.empty();
        }
        byte[] bytes = signature.signature();
        if (bytes.length != CosignerKey.TIMESTAMPED_SIGNATURE_SIZE) {
            return OptionalLong.empty();
        }
        long timestamp = ByteBuffer.wrap(bytes, 0, 8).getLong();
        if (timestamp < 0) {
            // Read as unsigned, the timestamp would exceed 2^63 - 1, which the spec forbids.
            return OptionalLong.empty();
        }
        byte[] message = signedMessage(checkpointBody, timestamp);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        byte[] ed25519 = new byte[64];
        System.arraycopy(bytes, 8, ed25519, 0, ed25519.length);
        return verifier.verifySignature(ed25519) ? OptionalLong.of(timestamp) : OptionalLong.empty();
    }

    /** The Ed25519 signed message: {@code cosignature/v1}, the time line, then the checkpoint body. */
    static byte[] signedMessage(String checkpointBody, long timestamp) {
        return (HEADER + "time " + timestamp + "\n" + checkpointBody).getBytes(StandardCharsets.UTF_8);
    }

    /** The cosignature key ID: the first 4 bytes of SHA-256(name || 0x0A || 0x04 || public key), big-endian. */
    static int cosignatureKeyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(CosignerKey.COSIGNATURE_V1);
            sha256.update(publicKey);
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Encodes {@code <name>+<hex key ID>+<base64(0x04 || public key)>}. */
    static String encodeVerifierKey(String name, byte[] publicKey) {
        byte[] encoded = ByteBuffer.allocate(1 + publicKey.length).put(CosignerKey.COSIGNATURE_V1).put(publicKey)
                .array();
        return name + "+" + String.format("%08x", cosignatureKeyId(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(encoded);
    }

    @Override
    public String toString() {
        return "CosignatureVerifier[" + verifierKey() + "]";
    }
}
