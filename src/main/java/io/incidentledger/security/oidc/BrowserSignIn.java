package io.incidentledger.security.oidc;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Browser sign-in through the OpenID provider: the authorization code flow with PKCE (S256) even for a confidential
 * client, a session afterwards, and sign-out that ends the provider's session too where it supports RP-initiated
 * logout, coming back to {@code /signed-out}.
 */
@Component
@Conditional(OidcConfiguration.BrowserSignInConfigured.class)
public class BrowserSignIn {

    /** Where a browser that is not signed in is sent. */
    public static final String SIGN_IN_PATH = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + OidcConfiguration.REGISTRATION_ID;

    private final ClientRegistrationRepository registrations;
    private final OAuth2UserService<OidcUserRequest, OidcUser> users;

    BrowserSignIn(ClientRegistrationRepository registrations,
                  @Qualifier("oidcUsers") OAuth2UserService<OidcUserRequest, OidcUser> users) {
        this.registrations = registrations;
        this.users = users;
    }

    /** Adds the sign-in and sign-out to the filter chain. */
    public void configure(HttpSecurity http, String signedOutPath) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}" + signedOutPath);
        signedOut.setDefaultTargetUrl(signedOutPath);
        http.oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                        .defaultSuccessUrl("/"))
                .logout(logout -> logout.logoutSuccessHandler(signedOut));
    }
}
