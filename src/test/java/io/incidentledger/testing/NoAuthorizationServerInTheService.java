package io.incidentledger.testing;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Spring Authorization Server is on the test class path only to run an {@link OpenIdProvider} inside a test; its
 * auto-configuration would otherwise give every application context of the tests a JWT decoder for keys made up at
 * start-up and an authorization server's settings. The provider configures itself explicitly and does not need them.
 */
public final class NoAuthorizationServerInTheService implements AutoConfigurationImportFilter {

    private static final String AUTHORIZATION_SERVER =
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int index = 0; index < autoConfigurationClasses.length; index++) {
            matches[index] = autoConfigurationClasses[index] == null
                    || !autoConfigurationClasses[index].startsWith(AUTHORIZATION_SERVER);
        }
        return matches;
    }
}
