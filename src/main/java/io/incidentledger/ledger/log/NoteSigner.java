package io.incidentledger.ledger.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs note texts with one named Ed25519 key, producing C2SP signed notes that a {@link NoteVerifier} for
 * {@link #verifierKey()} accepts.
 *
 * <p>Holds private key material: {@link #toString()} shows only the key name and ID, and no error message
 * of this class quotes a signer key.
 */
public final class NoteSigner {

    private static final String SIGNER_KEY_PREFIX = "PRIVATE+KEY+";
    private static final Pattern KEY_ID_HEX = Pattern.compile("[0-9a-fA-F]{8}");

    private final String keyName;
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final int keyId;

    /**
     * A signer for the given key name and Ed25519 private key.
     *
     * @throws IllegalArgumentException if the key name is not a valid note key name
     */
    public NoteSigner(String keyName, Ed25519PrivateKeyParameters privateKey) {
        if (!SignedNote.isValidKeyName(keyName)) {
            throw new IllegalArgumentException("invalid key name (empty, or holds a space or '+'): " + keyName);
        }
        this.keyName = keyName;
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.keyId = NoteVerifier.ed25519KeyId(keyName, publicKey);
    }

    /**
     * Reads a signer key {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>}, the encoding
     * of golang.org/x/mod/sumdb/note and the {@code note} tools, checking the key ID against the derived
     * public key.
     *
     * @throws IllegalArgumentException if the encoding is malformed, not Ed25519, or its key ID is wrong;
     *         the message never contains the key
     */
    public static NoteSigner fromSignerKey(String signerKey) {
        Objects.requireNonNull(signerKey, "signerKey");
        if (!signerKey.startsWith(SIGNER_KEY_PREFIX)) {
            throw new IllegalArgumentException("a signer key must start with PRIVATE+KEY+");
        }
        String[] parts = signerKey.substring(SIGNER_KEY_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3 || !SignedNote.isValidKeyName(parts[0]) || !KEY_ID_HEX.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("a signer key must be PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>");
        }
        byte[] encoded;
        try {
            encoded = SignedNote.decodeBase64Strictly(parts[2], "signer key");
        } catch (IllegalArgumentException e) {
            // The cause is dropped on purpose: decoder messages may quote the offending key characters.
            throw new IllegalArgumentException("signer key material is not canonical padded base64");
        }
        try {
            if (encoded.length != 1 + NoteVerifier.ED25519_KEY_SIZE || encoded[0] != NoteVerifier.ED25519) {
                throw new IllegalArgumentException("signer key is not an Ed25519 key (0x01 and a 32-byte seed)");
            }
            NoteSigner signer = new NoteSigner(parts[0], new Ed25519PrivateKeyParameters(encoded, 1));
            if (signer.keyId != Integer.parseUnsignedInt(parts[1], 16)) {
                throw new IllegalArgumentException("signer key ID " + parts[1] + " does not match the key for "
                        + parts[0] + " (" + String.format("%08x", signer.keyId) + ")");
            }
            return signer;
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The key name, which appears on every signature line; for a log, its origin. */
    public String keyName() {
        return keyName;
    }

    /** The 32-bit key ID derived from the key name and public key. */
    public int keyId() {
        return keyId;
    }

    /** The public verifier key {@code <name>+<hex key ID>+<base64(0x01 || public key)>} to hand to verifiers. */
    public String verifierKey() {
        return NoteVerifier.encodeVerifierKey(keyName, publicKey);
    }

    /**
     * Signs a note text.
     *
     * @param text the text to sign; must end with a newline and contain no control characters but newlines
     * @return the signed note: the text, a blank line and this key's signature line
     * @throws IllegalArgumentException if the text is not a valid note text
     */
    public String sign(String text) {
        return signNote(text).format();
    }

    /**
     * Signs a note text and returns the signed note as a structure.
     *
     * @throws IllegalArgumentException if the text is not a valid note text
     */
    public SignedNote signNote(String text) {
        Objects.requireNonNull(text, "text");
        // Checked before signing so that an invalid text never gets a signature.
        SignedNote.requireValidText(text);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        return new SignedNote(text, List.of(new SignedNote.Signature(keyName, keyId, signature)));
    }

    /**
     * The signer key encoding {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>}, for writing the
     * key file only. Secret: must never be logged or put in a message.
     */
    String signerKey() {
        byte[] seed = privateKey.getEncoded();
        byte[] encoded = ByteBuffer.allocate(1 + seed.length).put(NoteVerifier.ED25519).put(seed).array();
        try {
            return SIGNER_KEY_PREFIX + keyName + "+" + String.format("%08x", keyId) + "+"
                    + Base64.getEncoder().encodeToString(encoded);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "NoteSigner[" + keyName + "+" + String.format("%08x", keyId) + "]";
    }
}
