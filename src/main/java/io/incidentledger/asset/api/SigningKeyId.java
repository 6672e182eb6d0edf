package io.incidentledger.asset.api;

/**
 * Identity of a signing key: the name its owners gave it, e.g. {@code hot-wallet-1}. Its {@code toString()} is the
 * aggregate identifier in the event store, {@code signing-key:<name>}, prefixed because identifiers are unique across
 * all aggregate types.
 */
public record SigningKeyId(String name) {

    static final String PREFIX = "signing-key:";

    public SigningKeyId {
        AssetIdentifiers.requireName("signing key", name);
    }

    public static SigningKeyId of(String name) {
        return new SigningKeyId(name);
    }

    @Override
    public String toString() {
        return PREFIX + name;
    }
}
