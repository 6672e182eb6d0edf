package io.incidentledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a signing key: what it signs for and, optionally, the on-chain address it controls. */
public record RegisterSigningKey(@TargetAggregateIdentifier SigningKeyId keyId,
                                 KeyPurpose purpose,
                                 String chain,
                                 String address,
                                 String description) {
}
