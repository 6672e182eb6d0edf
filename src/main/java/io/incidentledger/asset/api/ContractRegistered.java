package io.incidentledger.asset.api;

import org.axonframework.serialization.Revision;

/**
 * A smart contract was registered as ACTIVE under a human-readable name.
 */
@Revision("1")
public record ContractRegistered(ContractId contractId, String name) {
}
