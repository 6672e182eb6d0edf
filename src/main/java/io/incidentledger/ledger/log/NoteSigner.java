package io.incidentledger.ledger.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

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
        SignerKeyEncoding.Decoded decoded = SignerKeyEncoding.decode(signerKey, NoteVerifier.ED25519,
                "an Ed25519 key");
        NoteSigner signer = new NoteSigner(decoded.name(), decoded.privateKey());
        SignerKeyEncoding.requireKeyId(decoded, signer.keyId);
        return signer;
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
        return SignerKeyEncoding.encode(keyName, keyId, NoteVerifier.ED25519, privateKey);
    }

    @Override
    public String toString() {
        return "NoteSigner[" + keyName + "+" + String.format("%08x", keyId) + "]";
    }
}
