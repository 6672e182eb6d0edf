package io.incidentledger.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.env.MockEnvironment;

/** The document's header: the build's version, and an OpenID Connect scheme exactly when an issuer is configured. */
class OpenApiConfigurationTest {

    private final OpenApiConfiguration configuration = new OpenApiConfiguration();

    @Test
    void withAnIssuerTheDocumentOffersSignInThroughItsDiscoveryDocument() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(OpenApiConfiguration.ISSUER_PROPERTY, "https://sso.example.com/realms/ledger/");

        OpenAPI openApi = configuration.incidentLedgerOpenApi(build("1.2.3"), environment);

        SecurityScheme scheme = openApi.getComponents().getSecuritySchemes().get("openIdConnect");
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.OPENIDCONNECT);
        assertThat(scheme.getOpenIdConnectUrl())
                .isEqualTo("https://sso.example.com/realms/ledger/.well-known/openid-configuration");
        assertThat(openApi.getSecurity()).extracting(SecurityRequirement::keySet)
                .flatExtracting(names -> names).containsExactly("basic", "bearer", "openIdConnect");
        assertThat(openApi.getInfo().getVersion()).isEqualTo("1.2.3");
    }

    @Test
    void withoutAnIssuerThereIsNoOpenIdConnectScheme() {
        OpenAPI openApi = configuration.incidentLedgerOpenApi(build("1.2.3"), new MockEnvironment());

        assertThat(openApi.getComponents().getSecuritySchemes()).containsOnlyKeys("basic", "bearer");
        assertThat(openApi.getSecurity()).extracting(SecurityRequirement::keySet)
                .flatExtracting(names -> names).containsExactly("basic", "bearer");
    }

    private static ObjectProvider<BuildProperties> build(String version) {
        Properties properties = new Properties();
        properties.setProperty("version", version);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("buildProperties", new BuildProperties(properties));
        return beans.getBeanProvider(BuildProperties.class);
    }
}
