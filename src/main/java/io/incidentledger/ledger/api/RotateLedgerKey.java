package io.incidentledger.ledger.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Retire the log's signing key and sign with a new one from the next checkpoint on. Carries verifier (public) keys
 * only, never a private key.
 *
 * @param oldVerifierKey the key current until now, which signed the checkpoint of {@code treeSize}
 * @param newVerifierKey the key that signs every checkpoint after it
 * @param treeSize       the size of the last checkpoint the old key signs
 * @param rotatedAt      when the administrator asked for it
 */
public record RotateLedgerKey(@TargetAggregateIdentifier LedgerSigningKeyId keyId,
                              String oldVerifierKey,
                              String newVerifierKey,
                              long treeSize,
                              String reason,
                              Instant rotatedAt) {

    /** The longest reason a rotation may give. */
    public static final int REASON_LENGTH = 1000;
}
