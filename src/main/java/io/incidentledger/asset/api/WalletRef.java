package io.incidentledger.asset.api;

/** A wallet on a chain, both in canonical form (see {@link AssetIdentifiers}). */
public record WalletRef(String chain, String address) {

    public WalletRef {
        chain = AssetIdentifiers.chain(chain);
        address = AssetIdentifiers.address(address);
    }
}
