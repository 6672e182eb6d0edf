package io.incidentledger.ledger.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies signed notes against one trusted Ed25519 key, given as a verifier key
 * {@code <name>+<8 hex digits key ID>+<base64(0x01 || 32-byte public key)>}.
 *
 * <p>Following c2sp.org/signed-note, only signatures whose key name and key ID both match this key are
 * checked; all others are ignored. A note is accepted when at least one of them verifies and none fails.
 */
public final class NoteVerifier {

    /** The signature type byte of Ed25519 in key IDs and key encodings. */
    static final byte ED25519 = 0x01;

    /** The size of an Ed25519 public key and of a private seed. */
    static final int ED25519_KEY_SIZE = 32;

    private static final Pattern KEY_ID_HEX = Pattern.compile("[0-9a-fA-F]{8}");

    private final String keyName;
    private final int keyId;
    private final Ed25519PublicKeyParameters publicKey;

    /**
     * Reads a verifier key, checking that its key ID is the one its name and public key imply.
     *
     * @throws IllegalArgumentException if the key is malformed, not Ed25519, or its key ID does not match
     */
    public NoteVerifier(String verifierKey) {
        Objects.requireNonNull(verifierKey, "verifierKey");
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3 || !SignedNote.isValidKeyName(parts[0]) || !KEY_ID_HEX.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("a verifier key must be <name>+<8 hex digits>+<base64 key>: "
                    + verifierKey);
        }
        byte[] encoded = SignedNote.decodeBase64Strictly(parts[2], "verifier key");
        if (encoded.length != 1 + ED25519_KEY_SIZE || encoded[0] != ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key (0x01 and 32 bytes): "
                    + verifierKey);
        }
        byte[] key = new byte[ED25519_KEY_SIZE];
        System.arraycopy(encoded, 1, key, 0, ED25519_KEY_SIZE);
        int claimedId = Integer.parseUnsignedInt(parts[1], 16);
        int derivedId = ed25519KeyId(parts[0], key);
        if (claimedId != derivedId) {
            throw new IllegalArgumentException("verifier key ID " + parts[1] + " does not match its name and key ("
                    + String.format("%08x", derivedId) + ")");
        }
        this.keyName = parts[0];
        this.keyId = derivedId;
        this.publicKey = new Ed25519PublicKeyParameters(key, 0);
    }

    /** The name of the trusted key, normally the log's origin. */
    public String keyName() {
        return keyName;
    }

    /** The 32-bit key ID of the trusted key. */
    public int keyId() {
        return keyId;
    }

    /** The verifier key in its text encoding, the form operators publish and configure. */
    public String verifierKey() {
        return encodeVerifierKey(keyName, publicKey.getEncoded());
    }

    /**
     * Checks a signed note and returns its text, which may be trusted only because this method returned.
     *
     * @return the note text, including its final newline
     * @throws NoteVerificationException if the note is malformed, carries no signature by this key, or a
     *         signature by this key fails to verify
     */
    public String verify(String signedNote) {
        SignedNote note;
        try {
            note = SignedNote.parse(signedNote);
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("malformed signed note: " + e.getMessage(), e);
        }
        byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
        boolean verified = false;
        for (SignedNote.Signature signature : note.signatures()) {
            if (!signature.keyName().equals(keyName) || signature.keyId() != keyId) {
                continue;
            }
            if (!verifies(message, signature.signature())) {
                throw new NoteVerificationException("invalid signature for key " + keyName + "+"
                        + signature.keyIdHex());
            }
            verified = true;
        }
        if (!verified) {
            throw new NoteVerificationException("note has no signature by key " + keyName + "+"
                    + String.format("%08x", keyId));
        }
        return note.text();
    }

    private boolean verifies(byte[] message, byte[] signature) {
        if (signature.length != 2 * ED25519_KEY_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** The Ed25519 key ID: the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key), big-endian. */
    static int ed25519KeyId(String keyName, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(keyName.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ED25519);
            sha256.update(publicKey);
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Encodes {@code <name>+<hex key ID>+<base64(0x01 || public key)>}. */
    static String encodeVerifierKey(String keyName, byte[] publicKey) {
        byte[] encoded = ByteBuffer.allocate(1 + publicKey.length).put(ED25519).put(publicKey).array();
        return keyName + "+" + String.format("%08x", ed25519KeyId(keyName, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(encoded);
    }

    @Override
    public String toString() {
        return "NoteVerifier[" + verifierKey() + "]";
    }

    /** A signed note was not accepted: it is malformed or no signature by the trusted key verifies. */
    public static class NoteVerificationException extends RuntimeException {

        public NoteVerificationException(String message) {
            super(message);
        }

        public NoteVerificationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
