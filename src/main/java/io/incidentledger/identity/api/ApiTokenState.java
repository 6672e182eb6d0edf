package io.incidentledger.identity.api;

/** Whether a token is accepted now: ACTIVE; or no longer, because it EXPIRED or was REVOKED (revocation wins). */
public enum ApiTokenState {
    ACTIVE, EXPIRED, REVOKED
}
