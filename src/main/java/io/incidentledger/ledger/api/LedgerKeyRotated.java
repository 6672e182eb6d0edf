package io.incidentledger.ledger.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The log's signing key was rotated: the old key signed its last checkpoint, of {@code treeSize} leaves, and the new
 * key signs every checkpoint after it, the first of them covering this event. Who rotated it is the event's actor.
 * Holds verifier (public) keys only; verifiers learn from it which key was current for which checkpoint.
 */
@Revision("1")
public record LedgerKeyRotated(LedgerSigningKeyId keyId,
                               String oldVerifierKey,
                               String newVerifierKey,
                               long treeSize,
                               String reason,
                               Instant rotatedAt) {
}
