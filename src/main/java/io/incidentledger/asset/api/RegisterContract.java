package io.incidentledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a smart contract, identified by chain and address, under a human-readable name. */
public record RegisterContract(@TargetAggregateIdentifier ContractId contractId, String name) {
}
