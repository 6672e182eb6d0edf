package io.incidentledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retire a signing key in favour of {@code successorId}, a registered and active key. */
public record RotateSigningKey(@TargetAggregateIdentifier SigningKeyId keyId,
                               SigningKeyId successorId,
                               String reason) {
}
