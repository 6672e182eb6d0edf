package io.incidentledger.ledger.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import io.incidentledger.common.SecretFiles;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A witness's Ed25519 cosigner key (c2sp.org/tlog-cosignature, type {@code cosignature/v1}): it signs
 * checkpoints the witness has checked, with a timestamp, so that verifiers can require several independent
 * views of a log before they trust it.
 *
 * <p>Only the Ed25519 type is implemented, not ML-DSA-44. Its key ID uses the type byte 0x04, distinct from
 * the 0x01 of plain note signatures, so a cosignature can never be mistaken for a log signature. The Ed25519
 * message does not commit to the cosigner name, so each cosigner needs its own key.
 *
 * <p>On disk the key is the signer key encoding {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x04 || seed)>};
 * a key file, once written, is never replaced, since a witness's key is its identity.
 *
 * <p>Holds private key material: {@link #toString()} shows only the name and key ID, and no error message of
 * this class quotes a signer key.
 */
public final class CosignerKey {

    /** The signature type byte of Ed25519 cosignatures in key IDs and key encodings. */
    static final byte COSIGNATURE_V1 = 0x04;

    /** The size of a cosignature's signature bytes: an 8-byte timestamp and a 64-byte Ed25519 signature. */
    static final int TIMESTAMPED_SIGNATURE_SIZE = 8 + 64;


    private final String name;
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final int keyId;

    private CosignerKey(String name, Ed25519PrivateKeyParameters privateKey) {
        if (!SignedNote.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid cosigner name (empty, or holds a space or '+'): " + name);
        }
        this.name = name;
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.keyId = CosignatureVerifier.cosignatureKeyId(name, publicKey);
    }

    /**
     * A new cosigner key with the given name.
     *
     * @throws IllegalArgumentException if the name is not a valid note key name
     */
    public static CosignerKey generate(String name, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new CosignerKey(name, new Ed25519PrivateKeyParameters(random));
    }

    /**
     * A cosigner key from its 32-byte Ed25519 seed, for known-answer tests and key import.
     *
     * @throws IllegalArgumentException if the name is invalid or the seed is not 32 bytes
     */
    static CosignerKey fromSeed(String name, byte[] seed) {
        if (seed.length != NoteVerifier.ED25519_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        return new CosignerKey(name, new Ed25519PrivateKeyParameters(seed, 0));
    }

    /**
     * Reads a signer key {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x04 || 32-byte seed)>}, checking the
     * key ID against the derived public key.
     *
     * @throws IllegalArgumentException if the encoding is malformed, not an Ed25519 cosigner key, or its key ID
     *         is wrong; the message never contains the key
     */
    static CosignerKey fromSignerKey(String signerKey) {
        SignerKeyEncoding.Decoded decoded = SignerKeyEncoding.decode(signerKey, COSIGNATURE_V1,
                "an Ed25519 cosigner key");
        CosignerKey key = new CosignerKey(decoded.name(), decoded.privateKey());
        SignerKeyEncoding.requireKeyId(decoded, key.keyId);
        return key;
    }

    /**
     * Reads the cosigner key from a key file. Surrounding whitespace, such as the final newline, is ignored.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file does not hold exactly one valid cosigner signer key
     */
    public static CosignerKey load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String content = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        try {
            return fromSignerKey(content.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " holds no valid cosigner key: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Loads the key file if it exists, otherwise generates a key and writes it, readable only by its owner
     * where the file system has POSIX permissions. An existing file is never replaced.
     *
     * @throws IOException if the file cannot be read or created
     * @throws IllegalArgumentException if an existing file holds no valid cosigner key, or the name is invalid
     * @throws IllegalStateException if an existing file holds a key for another name
     */
    public static CosignerKey loadOrCreate(Path file, String name) throws IOException {
        if (!SignedNote.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid cosigner name (empty, or holds a space or '+'): " + name);
        }
        if (!Files.exists(file)) {
            CosignerKey created = generate(name, new SecureRandom());
            try {
                SecretFiles.createOwnerOnly(file, (created.signerKey() + "\n").getBytes(StandardCharsets.UTF_8));
                return created;
            } catch (FileAlreadyExistsException e) {
                // Another process created it since the check; its key wins, ours was never used.
            }
        }
        CosignerKey loaded = load(file);
        if (!loaded.name.equals(name)) {
            throw new IllegalStateException("key file " + file + " holds a cosigner key named '" + loaded.name
                    + "', but the configured name is '" + name + "'; refusing to use or replace it");
        }
        return loaded;
    }

    /** The cosigner name, which appears on every cosignature line. */
    public String name() {
        return name;
    }

    /** The key ID: the first 4 bytes of SHA-256(name || "\n" || 0x04 || public key), big-endian. */
    public int keyId() {
        return keyId;
    }

    /** The public verifier key {@code <name>+<hex key ID>+<base64(0x04 || public key)>} to publish. */
    public String verifierKey() {
        return CosignatureVerifier.encodeVerifierKey(name, publicKey);
    }

    /**
     * Cosigns a checkpoint body: an Ed25519 signature over {@code "cosignature/v1\ntime <timestamp>\n"} followed
     * by the body. The caller must have checked that the checkpoint extends the last one it cosigned.
     *
     * @param checkpointBody the checkpoint's note text, including its final newline, without signature lines
     * @param timestamp the POSIX time of the cosignature in seconds
     * @return the signature whose bytes are the 8-byte big-endian timestamp and the 64-byte signature, so that
     *         {@link SignedNote.Signature#toLine()} gives the cosignature line
     * @throws IllegalArgumentException if the body is not a checkpoint or the timestamp is negative
     */
    public SignedNote.Signature cosign(String checkpointBody, long timestamp) {
        Objects.requireNonNull(checkpointBody, "checkpointBody");
        SignedNote.requireValidText(checkpointBody);
        // A cosigner states something about a checkpoint; it must never sign any other text.
        Checkpoint.parse(checkpointBody);
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature timestamp must not be negative: " + timestamp);
        }
        byte[] message = CosignatureVerifier.signedMessage(checkpointBody, timestamp);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] timestamped = ByteBuffer.allocate(TIMESTAMPED_SIGNATURE_SIZE).putLong(timestamp).put(signature)
                .array();
        return new SignedNote.Signature(name, keyId, timestamped);
    }

    /** The signer key encoding, for writing the key file only. Secret: never logged or put in a message. */
    String signerKey() {
        return SignerKeyEncoding.encode(name, keyId, COSIGNATURE_V1, privateKey);
    }

    @Override
    public String toString() {
        return "CosignerKey[" + name + "+" + String.format("%08x", keyId) + "]";
    }
}
