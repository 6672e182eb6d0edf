package io.incidentledger.asset.api;

/**
 * The states of the assets. A signing key is ACTIVE, REVOKED or ROTATED; a node ONLINE or ISOLATED; a contract
 * ACTIVE or PAUSED; a withdrawal channel OPEN or FROZEN.
 */
public enum AssetState {
    ACTIVE, REVOKED, ROTATED, ONLINE, ISOLATED, PAUSED, OPEN, FROZEN
}
