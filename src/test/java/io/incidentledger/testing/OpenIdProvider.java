package io.incidentledger.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenID provider for tests: Spring Authorization Server on a random port of 127.0.0.1, with a discovery
 * document, a JWK Set, a login form and signed tokens, in an application context of its own. Its tokens carry what a
 * Keycloak realm's would: the audience {@link #AUDIENCE}, {@code preferred_username}, and the roles in
 * {@code realm_access.roles} (in access tokens only, as Keycloak does). Machines get tokens with client credentials;
 * people ({@link #USERS}, password = name) sign in with the authorization code flow and PKCE.
 */
public final class OpenIdProvider implements AutoCloseable {

    public static final String AUDIENCE = "incident-ledger";
    public static final String BROWSER_CLIENT = "incident-ledger-web";
    public static final String BROWSER_SECRET = "browser-client-secret";

    /** A person at the provider, with the provider's roles. */
    public record Person(String name, String displayName, List<String> roles) {
    }

    public static final List<Person> USERS = List.of(
            new Person("casey", "Casey Commander", List.of("ledger-commander")),
            new Person("nobody", "No Role", List.of()));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final Keys keys;
    private final HttpClient http = HttpClient.newHttpClient();

    private OpenIdProvider(ConfigurableApplicationContext context) {
        this.context = context;
        this.keys = context.getBean(Keys.class);
    }

    /** Starts the provider; machine clients are given as client id to the provider roles of their tokens. */
    public static OpenIdProvider start(Map<String, List<String>> machineRoles) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> ((org.springframework.context.support.GenericApplicationContext) ctx)
                        .registerBean(MachineRoles.class, () -> new MachineRoles(machineRoles)))
                .properties("server.port=0", "server.address=127.0.0.1",
                        // both servers live on 127.0.0.1, and cookies ignore the port
                        "server.servlet.session.cookie.name=PROVIDER_SESSION",
                        "spring.config.name=openid-provider", "spring.main.banner-mode=off")
                .run();
        return new OpenIdProvider(context);
    }

    public String issuer() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The key the provider signs with now (with its private part, to forge tokens with in tests). */
    public RSAKey signingKey() {
        return keys.current();
    }

    /** Starts signing with a new key, publishing it next to the old one. */
    public RSAKey rotateKey() {
        return keys.rotate();
    }

    /** Lets the browser client come back to this service after sign-in and sign-out. */
    public void allowBrowserClient(String serviceBaseUrl) {
        context.getBean(InMemoryRegisteredClientRepository.class).save(RegisteredClient
                .withId(BROWSER_CLIENT)
                .clientId(BROWSER_CLIENT)
                .clientSecret("{noop}" + BROWSER_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(serviceBaseUrl + "/login/oauth2/code/oidc")
                .postLogoutRedirectUri(serviceBaseUrl + "/signed-out")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .build());
    }

    /** An access token for a machine client, obtained with client credentials (its secret is its id). */
    public String accessToken(String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientId).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.get("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Client id to the roles its tokens carry. */
    record MachineRoles(Map<String, List<String>> byClient) {
    }

    /** The signing keys: the newest signs, all are published. */
    static final class Keys implements JWKSource<SecurityContext> {

        private final List<RSAKey> published = new CopyOnWriteArrayList<>();

        Keys() {
            rotate();
        }

        RSAKey current() {
            return published.get(published.size() - 1);
        }

        RSAKey rotate() {
            try {
                RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                published.add(key);
                return key;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context) {
            return selector.select(new JWKSet(new ArrayList<>(published)));
        }
    }

    /** The provider's application; not a component, so that no scan of the service's packages picks it up. */
    @EnableWebSecurity
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class,
            TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class Server {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(userInfo -> userInfo.jwt(Customizer.withDefaults()))
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(USERS.stream().map(person -> User.withUsername(person.name())
                    .password("{noop}" + person.name())
                    .roles("PERSON")
                    .build()).toList());
        }

        @Bean
        InMemoryRegisteredClientRepository clients(MachineRoles machines) {
            return new InMemoryRegisteredClientRepository(machines.byClient().keySet().stream()
                    .map(client -> RegisteredClient.withId(client).clientId(client)
                            .clientSecret("{noop}" + client)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .build())
                    .toList());
        }

        @Bean
        Keys keys() {
            return new Keys();
        }

        @Bean
        JwtDecoder userInfoDecoder(Keys keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        /** Keycloak's shape: audience, name and roles in the access token; the name in the ID token. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> keycloakLikeClaims(Keys keys, MachineRoles machines) {
            return context -> {
                context.getJwsHeader().keyId(keys.current().getKeyID());
                String principal = context.getPrincipal().getName();
                Person person = USERS.stream().filter(candidate -> candidate.name().equals(principal)).findFirst()
                        .orElse(null);
                String displayName = person != null ? person.displayName() : principal + " (machine)";
                context.getClaims().claim("preferred_username", displayName);
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims().audience(List.of(AUDIENCE));
                    List<String> roles = person != null ? person.roles()
                            : machines.byClient().getOrDefault(principal, List.of());
                    if (!roles.isEmpty()) {
                        context.getClaims().claim("realm_access", Map.of("roles", roles));
                    }
                }
            };
        }
    }
}
