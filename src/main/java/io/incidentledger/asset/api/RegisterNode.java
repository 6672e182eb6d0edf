package io.incidentledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a node: its role and, optionally, its chain. */
public record RegisterNode(@TargetAggregateIdentifier NodeId nodeId,
                           NodeRole role,
                           String chain,
                           String description) {
}
