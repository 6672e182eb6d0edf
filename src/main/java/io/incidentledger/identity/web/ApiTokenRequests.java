package io.incidentledger.identity.web;

import java.time.Instant;

import io.incidentledger.common.Limits;
import io.incidentledger.identity.api.CreateApiToken;
import io.incidentledger.identity.api.TokenRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The request bodies of the API token endpoints, and the one answer that holds a token's secret. */
final class ApiTokenRequests {

    private ApiTokenRequests() {
    }

    /** @param expiresAt optional: without it the token does not expire */
    record ApiTokenRequest(@NotBlank @Size(max = CreateApiToken.NAME_LENGTH) String name,
                         @NotNull TokenRole role,
                         Instant expiresAt) {
    }

    /** The body is optional, and so is its reason. */
    record ApiTokenRevocationRequest(@Size(max = Limits.DESCRIPTION) String reason) {
    }

    /** The answer to a creation: {@code token} is the secret, shown this once and kept nowhere. */
    record CreatedApiToken(String id, String name, TokenRole role, Instant expiresAt, Instant createdAt,
                           String token) {

        /** Never the secret: a record's default would print it into whatever logs this. */
        @Override
        public String toString() {
            return "CreatedApiToken[" + id + "]";
        }
    }
}
