package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A signing key was revoked as containment step {@code stepId} of incident {@code incidentId}, for {@code reason};
 * {@code externalReference} points at the record of the revocation outside the ledger (a ticket, a KMS request id),
 * if there is one.
 */
@Revision("1")
public record SigningKeyRevoked(SigningKeyId keyId,
                                IncidentId incidentId,
                                String stepId,
                                String reason,
                                String externalReference) {
}
