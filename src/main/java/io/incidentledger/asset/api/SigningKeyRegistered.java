package io.incidentledger.asset.api;

import org.axonframework.serialization.Revision;

/**
 * A signing key was registered as ACTIVE. {@code chain} and {@code address} (canonical form, either may be null)
 * name the on-chain address it controls, so that detections about that address find it. No key material is ever
 * recorded.
 */
@Revision("1")
public record SigningKeyRegistered(SigningKeyId keyId,
                                   KeyPurpose purpose,
                                   String chain,
                                   String address,
                                   String description) {
}
