package io.incidentledger.asset.api;

import io.incidentledger.incident.api.AssetType;

/**
 * Ask for one asset with its history. {@code name} is the asset's name, for a contract its address; {@code chain} is
 * required for a contract and ignored for the others.
 */
public record FindAsset(AssetType type, String name, String chain) {
}
