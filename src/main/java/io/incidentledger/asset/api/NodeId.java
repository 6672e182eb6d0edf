package io.incidentledger.asset.api;

/**
 * Identity of a node (validator, RPC, signer, relayer), e.g. {@code val-3}. Its {@code toString()} is the aggregate
 * identifier in the event store, {@code node:<name>}.
 */
public record NodeId(String name) {

    static final String PREFIX = "node:";

    public NodeId {
        AssetIdentifiers.requireName("node", name);
    }

    public static NodeId of(String name) {
        return new NodeId(name);
    }

    @Override
    public String toString() {
        return PREFIX + name;
    }
}
