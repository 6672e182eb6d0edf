package io.incidentledger.asset.api;

import java.util.List;

/** One asset with its whole history, oldest event first. */
public record AssetDetailView(AssetView asset, List<AssetHistoryEntryView> history) {
}
