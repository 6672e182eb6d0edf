package io.incidentledger.containment.execution;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.asset.query.AssetRegister;
import io.incidentledger.containment.saga.AssetFinder;
import io.incidentledger.incident.api.AffectedAsset;
import org.springframework.stereotype.Component;

/**
 * Finds affected assets in the asset register: keys controlling, contracts at, and channels paying out of an address.
 * Addresses are matched on every chain: detectors name chains differently ({@code 1}, {@code ethereum},
 * {@code eip155:1}), and an EVM address is the same on each, so matching by chain name would miss real hits.
 */
@Component
public class RegisteredAssetFinder implements AssetFinder {

    private final AssetRegister register;

    public RegisteredAssetFinder(AssetRegister register) {
        this.register = register;
    }

    @Override
    public List<AffectedAsset> atAddresses(String chain, List<String> addresses) {
        Set<AffectedAsset> found = new LinkedHashSet<>();
        addresses.forEach(address -> found.addAll(register.findByAddress(null, address)));
        return List.copyOf(found);
    }
}
