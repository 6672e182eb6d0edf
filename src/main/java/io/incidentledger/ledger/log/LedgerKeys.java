package io.incidentledger.ledger.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import io.incidentledger.common.SecretFiles;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The ledger's signing key on disk: one file holding the signer key encoding
 * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>} and a newline, the format of
 * golang.org/x/mod/sumdb/note, so that keys can be moved between this ledger and the {@code note} tools.
 *
 * <p>A key file, once written, is never replaced: losing a log key means losing the log's identity.
 */
public final class LedgerKeys {


    private LedgerKeys() {
    }

    /**
     * A new Ed25519 signing key with the given name.
     *
     * @throws IllegalArgumentException if the name is not a valid note key name
     */
    public static NoteSigner generate(String name, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new NoteSigner(name, new Ed25519PrivateKeyParameters(random));
    }

    /**
     * Reads the signing key from a key file. Surrounding whitespace, such as the final newline, is ignored.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file does not hold exactly one valid signer key
     */
    public static NoteSigner load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String content = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        try {
            return NoteSigner.fromSignerKey(content.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " holds no valid signer key: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Loads the key file if it exists, otherwise generates a key with a fresh {@link SecureRandom} and writes it,
     * readable only by its owner where the file system has POSIX permissions.
     *
     * @throws IOException if the file cannot be read or created
     * @throws IllegalArgumentException if an existing file holds no valid signer key, or the name is invalid
     * @throws IllegalStateException if an existing file holds a key for another name
     */
    public static NoteSigner loadOrCreate(Path file, String name) throws IOException {
        return loadOrCreate(file, name, new SecureRandom());
    }

    /**
     * As {@link #loadOrCreate(Path, String)}, generating a missing key from the given source of randomness.
     */
    public static NoteSigner loadOrCreate(Path file, String name, SecureRandom random) throws IOException {
        if (!SignedNote.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid key name (empty, or holds a space or '+'): " + name);
        }
        if (!Files.exists(file)) {
            NoteSigner created = generate(name, random);
            try {
                write(file, created);
                return created;
            } catch (FileAlreadyExistsException e) {
                // Another process created it since the check; its key wins, ours was never used.
            }
        }
        NoteSigner loaded = load(file);
        if (!loaded.keyName().equals(name)) {
            throw new IllegalStateException("key file " + file + " holds a key named '" + loaded.keyName()
                    + "', but the configured key name is '" + name + "'; refusing to use or replace it");
        }
        return loaded;
    }

    /** Creates the key file; fails rather than overwrite an existing file. */
    private static void write(Path file, NoteSigner signer) throws IOException {
        SecretFiles.createOwnerOnly(file, (signer.signerKey() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
