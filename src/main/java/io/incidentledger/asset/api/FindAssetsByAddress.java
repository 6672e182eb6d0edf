package io.incidentledger.asset.api;

/**
 * Ask which registered assets an on-chain address belongs to: signing keys controlling it, the contract at it, and
 * withdrawal channels listing it as a wallet. A null {@code chain} matches the address on every chain.
 */
public record FindAssetsByAddress(String chain, String address) {
}
