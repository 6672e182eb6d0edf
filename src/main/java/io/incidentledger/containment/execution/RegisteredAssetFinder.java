package io.incidentledger.containment.execution;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.asset.api.FindAssetsByAddress;
import io.incidentledger.containment.saga.AssetFinder;
import io.incidentledger.incident.api.AffectedAsset;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Finds affected assets in the asset register, by asking it ({@link FindAssetsByAddress}): keys controlling,
 * contracts at, and channels paying out of an address. Addresses are matched on every chain: detectors name chains
 * differently ({@code 1}, {@code ethereum}, {@code eip155:1}), and an EVM address is the same on each, so matching by
 * chain name would miss real hits.
 */
@Component
public class RegisteredAssetFinder implements AssetFinder {

    private final QueryGateway queries;

    public RegisteredAssetFinder(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public List<AffectedAsset> atAddresses(String chain, List<String> addresses) {
        Set<AffectedAsset> found = new LinkedHashSet<>();
        addresses.forEach(address -> found.addAll(queries.query(new FindAssetsByAddress(null, address),
                ResponseTypes.multipleInstancesOf(AffectedAsset.class)).join()));
        return List.copyOf(found);
    }
}
