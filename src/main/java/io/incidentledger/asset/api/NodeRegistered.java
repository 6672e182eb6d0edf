package io.incidentledger.asset.api;

import org.axonframework.serialization.Revision;

/**
 * A node was registered as ONLINE.
 */
@Revision("1")
public record NodeRegistered(NodeId nodeId, NodeRole role, String chain, String description) {
}
