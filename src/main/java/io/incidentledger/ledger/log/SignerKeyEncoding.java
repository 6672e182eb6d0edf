package io.incidentledger.ledger.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The signer key encoding of golang.org/x/mod/sumdb/note, {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(algorithm
 * || 32-byte Ed25519 seed)>}, shared by the log's note signer (algorithm 0x01) and a witness's cosigner key (0x04).
 *
 * <p>Handles private key material: no message of this class quotes a key, and decoded seeds are wiped.
 */
final class SignerKeyEncoding {

    private static final String PREFIX = "PRIVATE+KEY+";
    private static final Pattern KEY_ID_HEX = Pattern.compile("[0-9a-fA-F]{8}");

    private SignerKeyEncoding() {
    }

    /** A decoded signer key: its name, the key ID it states, and its private key. */
    record Decoded(String name, int statedKeyId, Ed25519PrivateKeyParameters privateKey) {
    }

    /**
     * Decodes a signer key of the given algorithm. The caller checks the stated key ID against the one the name and
     * key imply, which depends on the algorithm.
     *
     * @param kind words for the messages, e.g. "an Ed25519 cosigner key"
     * @throws IllegalArgumentException if the encoding is malformed or of another algorithm
     */
    static Decoded decode(String signerKey, byte algorithm, String kind) {
        Objects.requireNonNull(signerKey, "signerKey");
        if (!signerKey.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signer key must start with PRIVATE+KEY+");
        }
        String[] parts = signerKey.substring(PREFIX.length()).split("\\+", 3);
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
            if (encoded.length != 1 + NoteVerifier.ED25519_KEY_SIZE || encoded[0] != algorithm) {
                throw new IllegalArgumentException("signer key is not " + kind + " (0x"
                        + String.format("%02x", algorithm) + " and a 32-byte seed)");
            }
            return new Decoded(parts[0], Integer.parseUnsignedInt(parts[1], 16),
                    new Ed25519PrivateKeyParameters(encoded, 1));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Checks the stated key ID against the derived one. */
    static void requireKeyId(Decoded decoded, int derivedKeyId) {
        if (decoded.statedKeyId() != derivedKeyId) {
            throw new IllegalArgumentException("signer key ID " + String.format("%08x", decoded.statedKeyId())
                    + " does not match the key for " + decoded.name() + " (" + String.format("%08x", derivedKeyId)
                    + ")");
        }
    }

    /** Encodes a signer key. Secret: for writing a key file only. */
    static String encode(String name, int keyId, byte algorithm, Ed25519PrivateKeyParameters privateKey) {
        byte[] seed = privateKey.getEncoded();
        byte[] encoded = ByteBuffer.allocate(1 + seed.length).put(algorithm).put(seed).array();
        try {
            return PREFIX + name + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(encoded);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
