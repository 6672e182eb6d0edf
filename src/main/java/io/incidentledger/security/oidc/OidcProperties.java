package io.incidentledger.security.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Single sign-on through an OpenID provider (docs/operations.md, "Single sign-on"). Without an issuer it is off: bearer
 * values that are not API tokens are refused and people sign in with the configured users. With an issuer the API
 * accepts the provider's access tokens (JWTs) meant for {@link #audience}; with a client id as well, people sign in in
 * the browser with the authorization code flow and PKCE.
 *
 * @param issuerUri   the provider's issuer, exactly as in its tokens' {@code iss} and its discovery document
 * @param jwkSetUri   where its signing keys are, when not the one its discovery document names
 * @param audience    the value a token's {@code aud} must contain; required with an issuer
 * @param clockSkew   how far a token's {@code exp} and {@code nbf} may be from our clock
 * @param rolesClaim  the claim holding the roles or groups, a dotted path into nested objects
 * @param roleMapping which claim value grants which role; a value not listed grants nothing
 * @param nameClaims  the claims tried in order for the name recorded on events; {@code sub} when none is present
 * @param clientId    the browser client's id at the provider; unset, there is no browser sign-in
 * @param clientSecret its secret, for a confidential client; unset, it is a public client (PKCE only)
 * @param scopes      the scopes asked for at sign-in
 */
@Validated
@ConfigurationProperties("incident-ledger.security.oidc")
public record OidcProperties(URI issuerUri, URI jwkSetUri, String audience, Duration clockSkew, String rolesClaim,
                             List<@Valid RoleMapping> roleMapping, List<String> nameClaims, String clientId,
                             String clientSecret, List<String> scopes) {

    public OidcProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "realm_access.roles" : rolesClaim;
        roleMapping = roleMapping == null ? List.of() : List.copyOf(roleMapping);
        nameClaims = nameClaims == null || nameClaims.isEmpty()
                ? List.of("preferred_username", "name") : List.copyOf(nameClaims);
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
        if (enabled(issuerUri) && (audience == null || audience.isBlank())) {
            throw new IllegalArgumentException("incident-ledger.security.oidc.audience is required with an issuer-uri: "
                    + "a token the provider issued for another application must not be accepted here");
        }
    }

    /** Whether an OpenID provider is configured. */
    public boolean enabled() {
        return enabled(issuerUri);
    }

    /** Whether people sign in in the browser through the provider. */
    public boolean browserSignIn() {
        return enabled() && clientId != null && !clientId.isBlank();
    }

    private static boolean enabled(URI issuerUri) {
        return issuerUri != null && !issuerUri.toString().isBlank();
    }

    /** One claim value (a role or group name at the provider) and the role it grants here. */
    public record RoleMapping(@NotBlank String value,
                              @NotBlank @Pattern(regexp = "RESPONDER|COMMANDER|DETECTOR|REGULATOR|ADMIN") String role) {
    }
}
