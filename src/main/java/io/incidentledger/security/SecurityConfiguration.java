package io.incidentledger.security;

import static io.incidentledger.security.Roles.ADMIN;
import static io.incidentledger.security.Roles.COMMANDER;
import static io.incidentledger.security.Roles.DETECTOR;
import static io.incidentledger.security.Roles.REGULATOR;
import static io.incidentledger.security.Roles.RESPONDER;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.security.oidc.BrowserSignIn;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.Problems;
import io.incidentledger.web.RequestRejections;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint needs an authenticated principal (HTTP Basic, an API token, or the OpenID provider's access token as
 * a bearer token; a person in the browser signs in through the provider, or with a configured user's password in a
 * form where there is none), and every action its role.
 * The table of who may do what is in {@code docs/api.md}; it is kept here and nowhere else. An endpoint the table
 * grants nobody is denied; a path or method under {@code /api} that no endpoint has is left to Spring MVC's 404 or
 * 405, once the principal is authenticated.
 */
@Configuration(proxyBeanMethods = false)
@Import(LoginThrottleConfiguration.class)
public class SecurityConfiguration {

    private static final String INCIDENT = "/api/incidents/*/";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponseWriter problems, BeanFactory beans,
                                    ObjectProvider<ApiTokenAuthenticator> apiTokens,
                                    ObjectProvider<EndpointBearerAuthenticator> endpointBearers,
                                    ObjectProvider<JwtDecoder> jwtDecoder,
                                    ObjectProvider<Converter<Jwt, AbstractAuthenticationToken>> jwtAuthentication,
                                    ObjectProvider<BrowserSignIn> browserSignIn, LoginThrottle loginThrottle,
                                    @Value("${incident-ledger.security.oidc.issuer-uri:}") String issuer)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"incident-ledger\"");
            response.addHeader("WWW-Authenticate", "Bearer realm=\"incident-ledger\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "valid credentials are required");
        };
        BrowserSignIn signIn = browserSignIn.getIfAvailable();
        RequestMatcher browser = new BrowserRequests();
        // a page asked for by a browser that is not signed in goes to the provider (or, without one, to the sign-in
        // form for the configured users); an API call gets its 401
        AuthenticationEntryPoint signInFirst = new LoginUrlAuthenticationEntryPoint(signIn == null
                ? AccountController.SIGN_IN : BrowserSignIn.SIGN_IN_PATH);
        AuthenticationEntryPoint entryPoint = (request, response, exception) ->
                (browser.matches(request) ? signInFirst : unauthenticated).commence(request, response, exception);
        // only a page a browser is sent away from is remembered, in the session, to come back to after sign-in
        HttpSessionRequestCache pagesToComeBackTo = new HttpSessionRequestCache();
        pagesToComeBackTo.setRequestMatcher(browser);
        AccessDeniedHandler denied = (request, response, exception) -> problems.write(request, response,
                forbidden(exception));
        UnmappedApiRequests notAnEndpoint = new UnmappedApiRequests(() -> beans.getBean(
                "requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        http.authorizeHttpRequests(requests -> requests
                        // the container's error page only reports on a request that was already refused or failed
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, AccountController.SIGN_IN, AccountController.SIGNED_OUT)
                        .permitAll()
                        // the console's own scripts and styles, and htmx's: public files, needed by the sign-in page
                        .requestMatchers(HttpMethod.GET, "/console/assets/**", "/webjars/htmx.org/**").permitAll()
                        .requestMatchers(notAnEndpoint).authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/incidents").hasAnyRole(RESPONDER, COMMANDER, DETECTOR)
                        .requestMatchers(HttpMethod.POST, "/api/detections", "/api/detections/**", "/api/transactions")
                        .hasRole(DETECTOR)
                        .requestMatchers(HttpMethod.POST, "/api/ledger/keys/rotate").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/ledger/**", INCIDENT + "events",
                                INCIDENT + "audit-bundle")
                        .hasAnyRole(REGULATOR, COMMANDER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/incidents", "/api/incidents/**")
                        .hasAnyRole(RESPONDER, COMMANDER, REGULATOR, ADMIN)
                        .requestMatchers(HttpMethod.POST, INCIDENT + "review/action-items/*/start",
                                INCIDENT + "review/action-items/*/closure")
                        .hasAnyRole(RESPONDER, COMMANDER)
                        .requestMatchers(HttpMethod.POST, INCIDENT + "review/**").hasRole(COMMANDER)
                        // what regulators read: registers, obligations, audit trails, metrics, lessons learned
                        .requestMatchers(HttpMethod.GET, "/api/compliance/**")
                        .hasAnyRole(REGULATOR, COMMANDER, ADMIN)
                        .requestMatchers(HttpMethod.POST,
                                INCIDENT + "acknowledgement", INCIDENT + "triage", INCIDENT + "escalation",
                                INCIDENT + "notes", INCIDENT + "evidence", INCIDENT + "containment-actions",
                                INCIDENT + "containment", INCIDENT + "eradication", INCIDENT + "recovery",
                                INCIDENT + "affected-assets")
                        .hasAnyRole(RESPONDER, COMMANDER)
                        // containment steps act on the outside world, compliance facts start legal clocks: commanders only
                        .requestMatchers(HttpMethod.POST, INCIDENT + "containment/steps",
                                INCIDENT + "containment/steps/**", INCIDENT + "compliance/**")
                        .hasRole(COMMANDER)
                        .requestMatchers(HttpMethod.POST,
                                INCIDENT + "assignments", INCIDENT + "de-escalation", INCIDENT + "resolution",
                                INCIDENT + "review", INCIDENT + "closure", INCIDENT + "dismissal",
                                INCIDENT + "reopening")
                        .hasRole(COMMANDER)
                        .requestMatchers(HttpMethod.POST, "/api/assets/signing-keys", "/api/assets/nodes",
                                "/api/assets/contracts", "/api/assets/withdrawal-channels")
                        .hasAnyRole(ADMIN, COMMANDER)
                        .requestMatchers(HttpMethod.POST, "/api/assets/signing-keys/*/rotation").hasRole(COMMANDER)
                        .requestMatchers(HttpMethod.GET, "/api/assets", "/api/assets/**")
                        .hasAnyRole(RESPONDER, COMMANDER, REGULATOR, ADMIN)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .requestMatchers("/api/**").denyAll()
                        // the console's pages read what the API lets the same roles read
                        .requestMatchers(HttpMethod.GET, "/console/regulator", "/console/regulator/**")
                        .hasAnyRole(REGULATOR, COMMANDER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/console/queues", "/console/queues/**")
                        .hasAnyRole(RESPONDER, COMMANDER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**")
                        .hasAnyRole(RESPONDER, COMMANDER, REGULATOR, ADMIN)
                        .requestMatchers("/console", "/console/**").denyAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").authenticated()
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .oauth2ResourceServer(bearer -> bearer
                        .authenticationManagerResolver(new BearerAuthentication(endpointBearers, apiTokens, jwtDecoder,
                                jwtAuthentication))
                        .authenticationEntryPoint(unauthenticated)
                        // RFC 9728's /.well-known/oauth-protected-resource, public by design: how to send a token and
                        // which provider issues them; tokens are not bound to TLS client certificates
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                resource -> {
                                    resource.tlsClientCertificateBoundAccessTokens(false)
                                            .resourceName("Incident Ledger API");
                                    if (!issuer.isBlank()) {
                                        resource.authorizationServer(issuer);
                                    }
                                }))
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(new BearerFailures(unauthenticated, problems));
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .requestCache(cache -> cache.requestCache(pagesToComeBackTo))
                // browser safety (docs/operations.md): a token for session requests, no other site's page may act
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new SessionCsrfRequests()))
                .addFilterBefore(new CrossSiteRequestGuard(problems), CsrfFilter.class)
                .addFilterBefore(new LoginThrottleFilter(loginThrottle, problems),
                        UsernamePasswordAuthenticationFilter.class)
                // SecurityHeaders, ahead of this chain, sets HSTS over TLS
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable()));
        // Sessions as Spring Security makes them by default: only a browser sign-in saves its authentication in one;
        // Basic and bearer authentication last for their request. (Setting a creation policy, even the default one,
        // would bring back the filter that saves every authentication in a session.)
        if (signIn != null) {
            signIn.configure(http, AccountController.SIGNED_OUT);
        } else {
            http.formLogin(form -> form.loginPage(AccountController.SIGN_IN).defaultSuccessUrl("/"))
                    .logout(logout -> logout.logoutSuccessUrl(AccountController.SIGNED_OUT));
        }
        return http.build();
    }

    /** Requests the firewall refuses before authentication are answered as problems, not as the error page. */
    @Bean
    RequestRejectedHandler requestRejections(ProblemResponseWriter problems) {
        return new RequestRejections(problems);
    }

    /** A 403 names the roles the table grants the action to, or says that it grants it to none. */
    private static ProblemDetail forbidden(AccessDeniedException exception) {
        List<String> roles = exception instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
                ? decision.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .map(authority -> authority.startsWith("ROLE_") ? authority.substring(5) : authority)
                        .sorted(Comparator.comparingInt(SecurityConfiguration::tableOrder))
                        .toList()
                : List.of();
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, "forbidden", roles.isEmpty()
                ? "no role may do this"
                : "your role may not do this; only " + String.join(", ", roles) + " may");
        problem.setProperty("allowedRoles", roles);
        return problem;
    }

    /** The roles in the order of docs/api.md's table; an unknown one last. */
    private static int tableOrder(String role) {
        int index = List.of(RESPONDER, COMMANDER, DETECTOR, REGULATOR, ADMIN).indexOf(role);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Looks principals up in configuration; each login gets a fresh copy, as Spring erases credentials after use. */
    @Bean
    UserDetailsService users(UserProperties properties) {
        Map<String, UserProperties.User> byName = properties.users().stream()
                .collect(Collectors.toUnmodifiableMap(UserProperties.User::name, Function.identity()));
        return name -> {
            UserProperties.User user = byName.get(name);
            if (user == null) {
                throw new UsernameNotFoundException("no such user");
            }
            return new LedgerUser(user.name(), user.passwordHash(),
                    user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
                    user.type());
        };
    }
}
