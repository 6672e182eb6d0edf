package io.incidentledger.security.oidc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The OpenID provider, when {@code incident-ledger.security.oidc.issuer-uri} is set: the decoder that checks its
 * access tokens, the roles and actor a token stands for, and, with a client id, the browser sign-in.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcConfiguration.ProviderConfigured.class)
public class OidcConfiguration {

    /** The {@code registrationId} of the provider in the sign-in paths, e.g. {@code /oauth2/authorization/oidc}. */
    public static final String REGISTRATION_ID = "oidc";

    /**
     * Checks signature, issuer, audience, {@code exp} and {@code nbf}. The keys come from the provider's JWK Set; a
     * token signed with a key id not in the cached set makes the decoder fetch the set again, so a provider's key
     * rotation needs no restart. The discovery document is read on the first token, not at start-up.
     */
    @Bean
    JwtDecoder oidcJwtDecoder(OidcProperties properties) {
        String issuer = properties.issuerUri().toString();
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (properties.jwkSetUri() == null
                    ? NimbusJwtDecoder.withIssuerLocation(issuer)
                    : NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())).build();
            // access tokens are typed JWT by most providers, at+jwt by those following RFC 9068, or not at all
            JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
            types.setAllowEmpty(true);
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(types,
                    new JwtTimestampValidator(properties.clockSkew()), new JwtIssuerValidator(issuer),
                    new JwtAudienceValidator(properties.audience()))));
            return decoder;
        });
    }

    /** A valid access token authenticates the actor it names, with the roles its claims map to. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> oidcTokenAuthentication(OidcProperties properties) {
        TokenRoles roles = new TokenRoles(properties);
        return jwt -> new BearerJwtAuthentication(OidcActor.of(jwt.getClaims(), properties.nameClaims()),
                roles.of(jwt.getClaims()));
    }

    /**
     * The provider as a client of ours sees it, from its discovery document (read at start-up). Without a secret the
     * client is public and proves itself with PKCE alone.
     */
    @Bean
    @Conditional(BrowserSignInConfigured.class)
    ClientRegistrationRepository oidcClientRegistrations(OidcProperties properties) {
        boolean confidential = properties.clientSecret() != null && !properties.clientSecret().isBlank();
        ClientRegistration.Builder registration = ClientRegistrations
                .fromIssuerLocation(properties.issuerUri().toString())
                .registrationId(REGISTRATION_ID)
                .clientId(properties.clientId())
                .scope(properties.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .clientAuthenticationMethod(confidential
                        ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.NONE);
        if (confidential) {
            registration.clientSecret(properties.clientSecret());
        }
        if (properties.jwkSetUri() != null) {
            registration.jwkSetUri(properties.jwkSetUri().toString());
        }
        return new InMemoryClientRegistrationRepository(registration.build());
    }

    /**
     * A person signed in in the browser gets the roles the role claim maps to, read from the ID token and user info,
     * and from the access token when it is a JWT for us (Keycloak, for one, puts roles only there).
     */
    @Bean
    @Conditional(BrowserSignInConfigured.class)
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(OidcProperties properties, JwtDecoder oidcJwtDecoder) {
        TokenRoles tokenRoles = new TokenRoles(properties);
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            Set<GrantedAuthority> roles = new HashSet<>(tokenRoles.of(user.getClaims()));
            try {
                roles.addAll(tokenRoles.of(oidcJwtDecoder.decode(request.getAccessToken().getTokenValue())
                        .getClaims()));
            } catch (JwtException notAJwtForUs) {
                // an opaque access token, or one for another audience: the ID token's claims are all there is
            }
            return new SignedInPerson(OidcActor.of(user.getClaims(), properties.nameClaims()), roles,
                    user.getIdToken(), user.getUserInfo());
        };
    }

    /** An issuer is set (an empty value, as an unset environment variable gives, is none). */
    static final class ProviderConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return has(context, "incident-ledger.security.oidc.issuer-uri");
        }
    }

    /** An issuer and a client id are set. */
    static final class BrowserSignInConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return has(context, "incident-ledger.security.oidc.issuer-uri")
                    && has(context, "incident-ledger.security.oidc.client-id");
        }
    }

    private static boolean has(ConditionContext context, String property) {
        return Binder.get(context.getEnvironment()).bind(property, String.class)
                .map(value -> !value.isBlank()).orElse(false);
    }
}
