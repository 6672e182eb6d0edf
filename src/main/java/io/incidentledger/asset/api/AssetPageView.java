package io.incidentledger.asset.api;

import java.util.List;

/** A page of the asset register. */
public record AssetPageView(List<AssetView> items, int page, int size, long totalItems, int totalPages) {
}
