package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.incidentledger.security.Roles;
import io.incidentledger.security.oidc.OidcProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo Keycloak realm (deploy/keycloak) against what docker-compose.yml tells the service about it: the service
 * binds its single sign-on settings from the compose environment exactly as it would at start-up, and the realm must
 * hold what they name: the issuer, the client with PKCE and the service's redirect URIs, the audience in its access
 * tokens, and a realm role for each mapped product role, with one demo user per role.
 */
class KeycloakRealmTest {

    private static final Path REALM = Path.of("deploy", "keycloak", "incident-ledger-realm.json");
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final String SERVICE = "http://localhost:8080";
    /** {@code ${NAME-default}} or {@code ${NAME:-default}}: compose's defaults, as with no such variable set. */
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Za-z0-9_]+:?-([^}]*)}");

    private JsonNode realm;
    private JsonNode client;
    private OidcProperties oidc;
    private Map<String, Object> keycloak;

    @BeforeEach
    void read() throws IOException {
        realm = JsonMapper.builder().build().readTree(Files.readString(REALM));
        Map<String, Map<String, Object>> services = composeServices();
        keycloak = services.get("keycloak");
        oidc = bind(environment(services.get("app")));
        client = stream(realm.get("clients")).filter(c -> c.get("clientId").asString().equals(oidc.clientId()))
                .findFirst().orElseThrow(() -> new AssertionError("no client " + oidc.clientId() + " in the realm"));
    }

    @Test
    void theServiceTrustsTheRealmsIssuerAsKeycloakIsToldToName() {
        assertThat(oidc.enabled()).isTrue();
        Map<String, String> keycloakEnvironment = environment(keycloak);
        assertThat(oidc.issuerUri()).hasToString(keycloakEnvironment.get("KC_HOSTNAME") + "/realms/"
                + realm.get("realm").asString());
        assertThat(keycloakEnvironment.get("KC_HOSTNAME")).endsWith(":" + keycloakEnvironment.get("KC_HTTP_PORT"));
        assertThat(keycloak.get("command")).isEqualTo(List.of("start-dev", "--import-realm"));
        assertThat(keycloak.get("volumes")).asString().contains("./deploy/keycloak:/opt/keycloak/data/import");
    }

    @Test
    void theClientIsPublicWithPkceS256AndComesBackToTheService() {
        assertThat(oidc.clientSecret()).isNull();
        assertThat(client.get("publicClient").asBoolean()).isTrue();
        assertThat(client.get("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.get("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.get("attributes").get("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(stream(client.get("redirectUris")).map(JsonNode::asString))
                .containsExactly(SERVICE + "/login/oauth2/code/oidc");
        assertThat(client.get("attributes").get("post.logout.redirect.uris").asString())
                .isEqualTo(SERVICE + "/signed-out");
    }

    @Test
    void accessTokensNameTheAudienceTheServiceRequires() {
        JsonNode audience = stream(client.get("protocolMappers"))
                .filter(mapper -> mapper.get("protocolMapper").asString().equals("oidc-audience-mapper"))
                .findFirst().orElseThrow().get("config");

        assertThat(audience.get("included.client.audience").asString()).isEqualTo(oidc.audience());
        assertThat(audience.get("access.token.claim").asString()).isEqualTo("true");
    }

    @Test
    void everyRealmRoleMapsToOneProductRoleAndEveryProductRoleHasOne() {
        assertThat(oidc.rolesClaim()).isEqualTo("realm_access.roles");
        Map<String, String> mapping = oidc.roleMapping().stream().collect(Collectors.toMap(
                OidcProperties.RoleMapping::value, OidcProperties.RoleMapping::role));
        List<String> realmRoles = stream(realm.get("roles").get("realm")).map(role -> role.get("name").asString())
                .toList();

        assertThat(mapping.keySet()).containsExactlyInAnyOrderElementsOf(realmRoles);
        assertThat(mapping.values()).containsExactlyInAnyOrder(Roles.RESPONDER, Roles.COMMANDER, Roles.DETECTOR,
                Roles.REGULATOR, Roles.ADMIN);
    }

    @Test
    void thereIsOneDemoUserPerRoleWhosePasswordIsItsName() {
        Map<String, String> mapping = oidc.roleMapping().stream().collect(Collectors.toMap(
                OidcProperties.RoleMapping::value, OidcProperties.RoleMapping::role));
        List<JsonNode> users = stream(realm.get("users")).toList();

        assertThat(users).hasSize(5);
        assertThat(users.stream().map(user -> mapping.get(user.get("realmRoles").get(0).asString())))
                .containsExactlyInAnyOrder(Roles.RESPONDER, Roles.COMMANDER, Roles.DETECTOR, Roles.REGULATOR,
                        Roles.ADMIN);
        assertThat(users).allSatisfy(user -> {
            String name = user.get("username").asString();
            assertThat(user.get("realmRoles").size()).isEqualTo(1);
            assertThat(user.get("attributes").get("demo").get(0).asString()).isEqualTo("true");
            assertThat(user.get("credentials").get(0).get("value").asString()).isEqualTo(name);
        });
        assertThat(realm.get("displayName").asString()).contains("DEMO");
    }

    private static OidcProperties bind(Map<String, String> environment) {
        Map<String, Object> variables = new LinkedHashMap<>(environment);
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        return new Binder(ConfigurationPropertySources.from(source))
                .bind("incident-ledger.security.oidc", OidcProperties.class)
                .orElseThrow(() -> new AssertionError("no single sign-on settings in the app's environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((name, value) -> {
            Matcher withDefault = COMPOSE_DEFAULT.matcher(String.valueOf(value));
            result.put(name, withDefault.matches() ? withDefault.group(1) : String.valueOf(value));
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
