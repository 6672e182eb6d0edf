package io.incidentledger.containment.saga;

import java.util.List;

import io.incidentledger.incident.api.AffectedAsset;

/** Finds the registered assets (keys, contracts, withdrawal channels) behind on-chain addresses a detection names. */
public interface AssetFinder {

    List<AffectedAsset> atAddresses(String chain, List<String> addresses);
}
