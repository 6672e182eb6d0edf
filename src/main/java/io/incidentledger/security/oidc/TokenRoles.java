package io.incidentledger.security.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The roles a token's claims grant: the values at the configured claim path (a list, or one string) looked up in the
 * configured mapping. Values the mapping does not list grant nothing, so a person whose provider gives them no mapped
 * role is signed in but may do nothing the role table guards.
 */
final class TokenRoles {

    private final List<String> path;
    private final Map<String, Set<String>> rolesByValue;

    TokenRoles(OidcProperties properties) {
        this.path = List.of(properties.rolesClaim().split("\\."));
        this.rolesByValue = properties.roleMapping().stream().collect(Collectors.groupingBy(
                OidcProperties.RoleMapping::value,
                Collectors.mapping(OidcProperties.RoleMapping::role, Collectors.toUnmodifiableSet())));
    }

    /** The authorities ({@code ROLE_…}) the claims grant, possibly none. */
    Set<GrantedAuthority> of(Map<String, Object> claims) {
        return values(claims).flatMap(value -> rolesByValue.getOrDefault(value, Set.of()).stream())
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .collect(Collectors.toUnmodifiableSet());
    }

    private Stream<String> values(Map<String, Object> claims) {
        Object node = claims;
        for (String name : path) {
            if (!(node instanceof Map<?, ?> object)) {
                return Stream.empty();
            }
            node = object.get(name);
        }
        if (node instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).map(Object::toString);
        }
        return node instanceof String value ? Stream.of(value) : Stream.empty();
    }
}
