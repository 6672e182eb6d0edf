package io.incidentledger.asset.api;

import io.incidentledger.incident.api.AssetType;

/**
 * Ask for a page of the asset register, by type and name. Null filters match everything.
 *
 * @param page zero-based page number
 */
public record ListAssets(AssetType type, AssetState state, int page, int size) {
}
