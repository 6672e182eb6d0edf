package io.incidentledger.security;

import static io.incidentledger.security.Roles.ADMIN;
import static io.incidentledger.security.Roles.COMMANDER;
import static io.incidentledger.security.Roles.DETECTOR;
import static io.incidentledger.security.Roles.REGULATOR;
import static io.incidentledger.security.Roles.RESPONDER;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.web.ProblemResponseWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every endpoint needs an authenticated principal (HTTP Basic over TLS in production), and every action its role.
 * The table of who may do what is in {@code docs/api.md}; it is kept here and nowhere else.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String INCIDENT = "/api/incidents/*/";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponseWriter problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"incident-ledger\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "valid credentials are required");
        };
        AccessDeniedHandler denied = (request, response, exception) -> problems.write(request, response,
                HttpStatus.FORBIDDEN, "forbidden", "your role may not do this");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/incidents").hasAnyRole(RESPONDER, COMMANDER, DETECTOR)
                        .requestMatchers(HttpMethod.POST, "/api/detections", "/api/detections/**", "/api/transactions")
                        .hasRole(DETECTOR)
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
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").authenticated()
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                // A stateless API authenticated on every request: no session, so no cookie for CSRF to abuse.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
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
