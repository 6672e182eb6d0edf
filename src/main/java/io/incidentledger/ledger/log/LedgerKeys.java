package io.incidentledger.ledger.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.BadPaddingException;

import io.incidentledger.common.SecretFiles;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The ledger's signing key on disk: one file holding the signer key encoding
 * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>} and a newline, the format of
 * golang.org/x/mod/sumdb/note, so that keys can be moved between this ledger and the {@code note} tools.
 *
 * <p>A key file, once written, is never replaced: losing a log key means losing the log's identity. A rotation writes
 * the new key into a new file next to the first key's file (or keystore), named after it with the new key's ID:
 * {@code <first key file name>.<8 hex digits key ID>}.
 *
 * <p>The first key may instead come from a PKCS#12 keystore (for instance one made with the JDK's {@code keytool
 * -genkeypair -keyalg Ed25519}); its password is never part of any message of this class.
 */
public final class LedgerKeys {

    private static final Pattern ROTATED_SUFFIX = Pattern.compile("\\.([0-9a-f]{8})");

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

    /**
     * Reads the Ed25519 key of one entry of a PKCS#12 keystore.
     *
     * @param passwordSource where the password came from (e.g. "environment variable X"), for messages; the
     *                       password itself never appears in one
     * @throws IllegalStateException if the keystore cannot be read or opened with the password, has no such entry,
     *                               or the entry is not an Ed25519 private key
     */
    public static NoteSigner loadPkcs12(Path keystore, String alias, char[] password, String passwordSource,
                                        String keyName) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || e.getCause() instanceof BadPaddingException) {
                throw new IllegalStateException("the ledger signing keystore " + keystore + " cannot be opened with "
                        + "the password from " + passwordSource + ": wrong password");
            }
            throw new IllegalStateException("the ledger signing keystore " + keystore + " cannot be read as PKCS#12 "
                    + "(" + e.getClass().getSimpleName() + "); a wrong password from " + passwordSource
                    + " also shows this way", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the ledger signing keystore " + keystore + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
        Key key;
        try {
            if (!store.containsAlias(alias)) {
                throw new IllegalStateException("the ledger signing keystore " + keystore + " has no entry '" + alias
                        + "' (it holds " + Collections.list(store.aliases()) + "); set incident-ledger.ledger"
                        + ".signing-keystore-alias");
            }
            key = store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalStateException("the key '" + alias + "' in the ledger signing keystore " + keystore
                    + " cannot be opened with the password from " + passwordSource + ": wrong password");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key '" + alias + "' in the ledger signing keystore " + keystore
                    + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        if (!(key instanceof EdECPrivateKey edKey) || !"Ed25519".equalsIgnoreCase(edKey.getParams().getName())) {
            throw new IllegalStateException("the entry '" + alias + "' in the ledger signing keystore " + keystore
                    + " is " + (key == null ? "not a private key" : "a " + key.getAlgorithm() + " key")
                    + ", not an Ed25519 private key (keytool -genkeypair -keyalg Ed25519)");
        }
        byte[] seed = edKey.getBytes().orElseThrow(() -> new IllegalStateException("the Ed25519 key '" + alias
                + "' in the ledger signing keystore " + keystore + " does not reveal its 32-byte seed"));
        try {
            return fromSeed(keyName, seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** A signer for a 32-byte Ed25519 seed (the private key as RFC 8032 defines it). */
    public static NoteSigner fromSeed(String keyName, byte[] seed) {
        if (seed.length != NoteVerifier.ED25519_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        return new NoteSigner(keyName, new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The file a rotation writes the key with this ID to: next to the first key's file, named after it. */
    public static Path rotatedKeyFile(Path firstKey, int keyId) {
        return firstKey.resolveSibling(firstKey.getFileName() + "." + String.format("%08x", keyId));
    }

    /**
     * Generates a key for a rotation and writes it to {@link #rotatedKeyFile}, owner-only, never overwriting a file.
     *
     * @throws IOException if the file cannot be created, or exists
     */
    public static NoteSigner createRotated(Path firstKey, String name, SecureRandom random) throws IOException {
        NoteSigner created = generate(name, random);
        write(rotatedKeyFile(firstKey, created.keyId()), created);
        return created;
    }

    /**
     * Every key a rotation wrote next to the first key: the files {@code <first key file name>.<key ID>}. Each must
     * hold a valid signer key whose ID is the one its name says.
     *
     * @throws IOException if the directory or a file cannot be read
     * @throws IllegalArgumentException if such a file holds no valid signer key, or another key than its name says
     */
    public static List<NoteSigner> loadRotated(Path firstKey) throws IOException {
        Path directory = firstKey.toAbsolutePath().getParent();
        List<NoteSigner> keys = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return keys;
        }
        String prefix = firstKey.getFileName().toString();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith(prefix)) {
                    continue;
                }
                Matcher suffix = ROTATED_SUFFIX.matcher(name.substring(prefix.length()));
                if (!suffix.matches()) {
                    continue;
                }
                NoteSigner key = load(file);
                if (key.keyId() != Integer.parseUnsignedInt(suffix.group(1), 16)) {
                    throw new IllegalArgumentException("key file " + file + " holds the key with ID "
                            + String.format("%08x", key.keyId()) + ", not the one its name says");
                }
                keys.add(key);
            }
        }
        return keys;
    }

    /** Creates the key file; fails rather than overwrite an existing file. */
    private static void write(Path file, NoteSigner signer) throws IOException {
        SecretFiles.createOwnerOnly(file, (signer.signerKey() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
