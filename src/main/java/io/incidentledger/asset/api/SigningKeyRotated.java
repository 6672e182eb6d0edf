package io.incidentledger.asset.api;

import org.axonframework.serialization.Revision;

/**
 * A signing key was retired in favour of its successor, which was registered and active at the time.
 */
@Revision("1")
public record SigningKeyRotated(SigningKeyId keyId, SigningKeyId successorId, String reason) {
}
