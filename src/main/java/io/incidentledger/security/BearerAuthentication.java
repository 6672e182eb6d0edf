package io.incidentledger.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Decides who checks a bearer token: one that an {@link EndpointBearerAuthenticator} claims for the request's endpoint
 * goes to it, an API token of ours to the {@link ApiTokenAuthenticator}, anything else is taken to be a JWT from the
 * configured OpenID provider, and is refused when there is none. The provider's
 * token authenticates the actor and roles {@code oidcTokenAuthentication} makes of it (see
 * {@link io.incidentledger.security.oidc.OidcConfiguration}).
 */
final class BearerAuthentication implements AuthenticationManagerResolver<HttpServletRequest> {

    private final AuthenticationManager manager;
    private final List<EndpointBearerAuthenticator> endpoints;

    BearerAuthentication(ObjectProvider<EndpointBearerAuthenticator> endpoints,
                         ObjectProvider<ApiTokenAuthenticator> apiTokens, ObjectProvider<JwtDecoder> jwtDecoder,
                         ObjectProvider<Converter<Jwt, AbstractAuthenticationToken>> jwtAuthentication) {
        this.endpoints = endpoints.orderedStream().toList();
        AuthenticationManager jwts = jwtManager(jwtDecoder.getIfAvailable(), jwtAuthentication.getIfAvailable());
        this.manager = authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            ApiTokenAuthenticator tokens = apiTokens.getIfAvailable();
            if (tokens != null && tokens.recognises(token)) {
                return tokens.authenticate(token);
            }
            return jwts.authenticate(authentication);
        };
    }

    private static AuthenticationManager jwtManager(JwtDecoder decoder,
                                                    Converter<Jwt, AbstractAuthenticationToken> toAuthentication) {
        if (decoder == null) {
            return authentication -> {
                throw new InvalidBearerTokenException("not an API token, and no OpenID provider is configured");
            };
        }
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        if (toAuthentication != null) {
            provider.setJwtAuthenticationConverter(toAuthentication);
        }
        return authentication -> {
            try {
                return provider.authenticate(authentication);
            } catch (JwtDecoderInitializationException providerOutOfReach) {
                // the discovery document could not be read: the token is not known to be wrong (BearerFailures)
                throw new AuthenticationServiceException(providerOutOfReach.getMessage(), providerOutOfReach);
            }
        };
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        if (endpoints.isEmpty()) {
            return manager;
        }
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            for (EndpointBearerAuthenticator endpoint : endpoints) {
                if (endpoint.recognises(request, token)) {
                    return endpoint.authenticate(token);
                }
            }
            return manager.authenticate(authentication);
        };
    }
}
