package io.incidentledger.identity.authentication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.incidentledger.common.SecretFiles;

/**
 * The deployment's key for hashing API token secrets (HMAC-SHA-256), kept in a file outside the database: whoever
 * reads the database alone can neither check a guessed secret nor forge a token. The file holds the 32 key bytes in
 * base64 and a newline; it is created at first start, readable only by its owner, and never replaced.
 *
 * <p>The key's id, the first 8 bytes of its HMAC over a fixed label, is recorded with every token: a token hashed
 * under another key (the file was lost or changed) is recognised as such rather than as a wrong secret.
 */
public final class ApiTokenHashKey {

    static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] ID_LABEL = "incident-ledger api-token hash key id".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final String id;
    private final ThreadLocal<Mac> macs;

    ApiTokenHashKey(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("an API token hash key is " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.id = HexFormat.of().formatHex(Arrays.copyOf(newMac().doFinal(ID_LABEL), 8));
    }

    /**
     * Reads the key file, or creates it with a fresh random key when it does not exist.
     *
     * @throws IOException if it cannot be read or created
     * @throws IllegalArgumentException if an existing file holds no key of the right length
     */
    public static ApiTokenHashKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] created = new byte[KEY_BYTES];
            random.nextBytes(created);
            try {
                write(file, created);
                return new ApiTokenHashKey(created);
            } catch (FileAlreadyExistsException e) {
                // another process created it since the check; its key wins, ours was never used
            } finally {
                Arrays.fill(created, (byte) 0);
            }
        }
        return load(file);
    }

    private static ApiTokenHashKey load(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            try {
                return new ApiTokenHashKey(decoded);
            } finally {
                Arrays.fill(decoded, (byte) 0);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the API token hash key file " + file + " does not hold "
                    + KEY_BYTES + " bytes in base64", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Creates the file with owner-only permissions from the start; fails rather than overwrite one. */
    private static void write(Path file, byte[] keyBytes) throws IOException {
        SecretFiles.createOwnerOnly(file,
                (Base64.getEncoder().encodeToString(keyBytes) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** 16 hexadecimal digits naming this key; says nothing about the key itself. */
    public String id() {
        return id;
    }

    /** HMAC-SHA-256 of the secret's UTF-8 bytes under this key. */
    public byte[] hash(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
