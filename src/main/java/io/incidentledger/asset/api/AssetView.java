package io.incidentledger.asset.api;

import java.time.Instant;
import java.util.List;

import io.incidentledger.incident.api.AssetType;

/**
 * One asset of the register, as its events left it.
 *
 * @param name         the user-facing identifier: the key's, node's or channel's name, a contract's address
 * @param chain        the chain (always set for a contract, optional for keys and nodes, null for channels)
 * @param address      the on-chain address a signing key controls, or a contract's address
 * @param contractName a contract's human-readable name
 * @param purpose      a signing key's purpose
 * @param role         a node's role
 * @param asset        the asset a withdrawal channel carries, e.g. ETH
 * @param venue        the venue a withdrawal channel serves
 * @param wallets      the wallets whose outflows a withdrawal channel controls
 * @param stateSince   when the asset entered its current state (the timestamp of that event)
 * @param incidentId   the incident whose containment step last changed the state, if any
 * @param stepId       that containment step
 * @param successor    the name of the key a rotated signing key was retired in favour of
 * @param version      the sequence number of the last event applied
 */
public record AssetView(AssetType type,
                        String name,
                        String chain,
                        String address,
                        String contractName,
                        KeyPurpose purpose,
                        NodeRole role,
                        String asset,
                        String venue,
                        List<WalletRef> wallets,
                        String description,
                        AssetState state,
                        Instant stateSince,
                        String incidentId,
                        String stepId,
                        String successor,
                        Instant registeredAt,
                        String registeredBy,
                        long version) {
}
