package io.incidentledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The start-up warning of a {@code postgres} deployment nobody can sign in to. */
@ExtendWith(OutputCaptureExtension.class)
class NoSignInWarningTest {

    private static final String WARNING = "Nobody can sign in";

    private final ApplicationContextRunner postgres = new ApplicationContextRunner()
            .withPropertyValues("spring.profiles.active=postgres")
            .withUserConfiguration(NoSignInWarning.class);

    @Test
    void withoutUsersOrAnOpenIdProviderItWarnsOnce(CapturedOutput output) {
        postgres.withBean(UserProperties.class, () -> new UserProperties(List.of()))
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).containsOnlyOnce(WARNING).contains("WARN");
    }

    @Test
    void configuredUsersCanSignIn(CapturedOutput output) {
        postgres.withBean(UserProperties.class, () -> new UserProperties(List.of(new UserProperties.User("alice",
                        "{noop}x", List.of("ADMIN"), null))))
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    @Test
    void anOpenIdProviderForBearerTokensIsAWayIn(CapturedOutput output) {
        postgres.withBean(UserProperties.class, () -> new UserProperties(List.of()))
                .withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withJwkSetUri("https://idp.example/jwks").build())
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    @Test
    void anOpenIdProviderForBrowsersIsAWayIn(CapturedOutput output) {
        ClientRegistration keycloak = ClientRegistration.withRegistrationId("keycloak").clientId("incident-ledger")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("https://idp.example/auth").tokenUri("https://idp.example/token").build();
        postgres.withBean(UserProperties.class, () -> new UserProperties(List.of()))
                .withBean(ClientRegistrationRepository.class, () -> new InMemoryClientRegistrationRepository(keycloak))
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    @Test
    void otherProfilesAreNotConcerned(CapturedOutput output) {
        new ApplicationContextRunner().withUserConfiguration(NoSignInWarning.class)
                .withBean(UserProperties.class, () -> new UserProperties(List.of()))
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).doesNotContain(WARNING);
    }
}
