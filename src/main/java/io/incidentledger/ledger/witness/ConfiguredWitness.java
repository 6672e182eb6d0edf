package io.incidentledger.ledger.witness;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.incidentledger.ledger.log.CosignatureVerifier;

/**
 * A witness the log asks for cosignatures: where it is and the key its cosignatures must verify with. It is known by
 * its key's name and key ID, as its signature lines are.
 */
public record ConfiguredWitness(URI url, CosignatureVerifier key) {

    /**
     * @throws IllegalArgumentException if the URL is not absolute http(s) or the key is not an Ed25519 cosigner key
     */
    public static ConfiguredWitness of(WitnessingProperties.Witness witness) {
        URI url = witness.url();
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("a witness URL must be an absolute http or https URL, not " + url);
        }
        return new ConfiguredWitness(url, CosignatureVerifier.fromVerifierKey(witness.verifierKey().strip()));
    }

    public String name() {
        return key.name();
    }

    public int keyId() {
        return key.keyId();
    }

    /** {@code <prefix>/add-checkpoint}. */
    URI addCheckpoint() {
        return resolve("add-checkpoint");
    }

    /** {@code <prefix>/<hex SHA-256 of the origin>/checkpoint}: the newest checkpoint the witness cosigned. */
    URI checkpointOf(String origin) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return resolve(HexFormat.of().formatHex(hash) + "/checkpoint");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private URI resolve(String path) {
        String base = url.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    @Override
    public String toString() {
        return name() + " at " + url;
    }
}
