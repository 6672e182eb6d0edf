package io.incidentledger.asset.api;

/** What a signing key signs for. */
public enum KeyPurpose {
    HOT_WALLET, VALIDATOR, API, OWNER, OTHER
}
