package io.incidentledger.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The {@code postgres} profile names no users. Started so with none configured and no OpenID provider either, the
 * service runs but answers every request 401; it says so once at start-up rather than leave the operator to guess.
 */
@Component
@Profile("postgres")
class NoSignInWarning implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(NoSignInWarning.class);

    private final UserProperties users;
    private final ObjectProvider<JwtDecoder> bearerTokens;
    private final ObjectProvider<ClientRegistrationRepository> browserSignIn;

    NoSignInWarning(UserProperties users, ObjectProvider<JwtDecoder> bearerTokens,
                    ObjectProvider<ClientRegistrationRepository> browserSignIn) {
        this.users = users;
        this.bearerTokens = bearerTokens;
        this.browserSignIn = browserSignIn;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.users().isEmpty() && bearerTokens.stream().findAny().isEmpty()
                && browserSignIn.stream().findAny().isEmpty()) {
            log.warn("Nobody can sign in: no users are configured (incident-ledger.security.users) and no OpenID"
                    + " provider (incident-ledger.security.oidc.issuer-uri); every request will be answered 401."
                    + " See docs/operations.md, \"Configuring users\" and \"Single sign-on\".");
        }
    }
}
