package io.incidentledger.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

/** Roles from a token's claims: where providers put them, and what the mapping makes of them. */
class TokenRolesTest {

    private static final List<OidcProperties.RoleMapping> MAPPING = List.of(
            new OidcProperties.RoleMapping("ledger-commander", "COMMANDER"),
            new OidcProperties.RoleMapping("ledger-responder", "RESPONDER"),
            new OidcProperties.RoleMapping("ledger-leads", "COMMANDER"),
            new OidcProperties.RoleMapping("ledger-leads", "REGULATOR"));

    @Test
    void keycloakRealmRolesAreReadFromTheNestedClaimAndUnmappedOnesGrantNothing() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles",
                List.of("ledger-commander", "offline_access", "uma_authorization")));

        assertThat(roles("realm_access.roles", claims)).containsExactly("ROLE_COMMANDER");
    }

    @Test
    void keycloakClientRolesAreOneLevelDeeper() {
        Map<String, Object> claims = Map.of("resource_access", Map.of("incident-ledger",
                Map.of("roles", List.of("ledger-responder"))));

        assertThat(roles("resource_access.incident-ledger.roles", claims)).containsExactly("ROLE_RESPONDER");
    }

    @Test
    void aGroupMayGrantSeveralRolesAndASingleStringCountsAsOneValue() {
        assertThat(roles("groups", Map.of("groups", List.of("ledger-leads"))))
                .containsExactlyInAnyOrder("ROLE_COMMANDER", "ROLE_REGULATOR");
        assertThat(roles("roles", Map.of("roles", "ledger-responder"))).containsExactly("ROLE_RESPONDER");
    }

    @Test
    void aMissingClaimOrAPathThroughSomethingElseGrantsNothing() {
        assertThat(roles("realm_access.roles", Map.of())).isEmpty();
        assertThat(roles("realm_access.roles", Map.of("realm_access", "ledger-commander"))).isEmpty();
        assertThat(roles("roles", Map.of("roles", Map.of("ledger-commander", true)))).isEmpty();
    }

    @Test
    void anIssuerWithoutAnAudienceIsRefusedAtStartUp() {
        assertThatThrownBy(() -> properties("https://id.example.com", null, "roles"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
        assertThat(properties(null, null, "roles").enabled()).isFalse();
    }

    private static List<String> roles(String claim, Map<String, Object> claims) {
        return new TokenRoles(properties("https://id.example.com", "incident-ledger", claim)).of(claims).stream()
                .map(GrantedAuthority::getAuthority).toList();
    }

    private static OidcProperties properties(String issuer, String audience, String rolesClaim) {
        return new OidcProperties(issuer == null ? null : URI.create(issuer), null, audience, null, rolesClaim,
                MAPPING, null, null, null, null);
    }
}
