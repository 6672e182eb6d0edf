package io.incidentledger.incident.api;

/** Kinds of asset an incident can affect. */
public enum AssetType {
    SIGNING_KEY, NODE, CONTRACT, WALLET, ACCOUNT, SERVICE, WITHDRAWAL_CHANNEL
}
