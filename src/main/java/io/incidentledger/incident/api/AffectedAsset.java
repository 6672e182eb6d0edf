package io.incidentledger.incident.api;

/**
 * An asset touched by an incident, e.g. a signing key id, a node name, a contract or wallet address on a chain.
 *
 * @param chain the chain the asset lives on, or {@code null} when that does not apply (services, accounts)
 */
public record AffectedAsset(AssetType type, String identifier, String chain) {
}
