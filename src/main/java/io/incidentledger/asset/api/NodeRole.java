package io.incidentledger.asset.api;

/** What a node does. */
public enum NodeRole {
    VALIDATOR, RPC, SIGNER, BRIDGE_RELAYER, OTHER
}
