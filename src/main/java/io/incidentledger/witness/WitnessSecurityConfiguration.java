package io.incidentledger.witness;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The witness's own security: c2sp.org/tlog-witness has no authentication beyond the log's signature on the
 * checkpoint, so the witness endpoints and health are open to anyone and everything else is denied. No sessions, no
 * login, and no CSRF token: add-checkpoint is called by logs, not browsers, and changes nothing without a valid log
 * signature.
 */
@Configuration(proxyBeanMethods = false)
class WitnessSecurityConfiguration {

    @Bean
    SecurityFilterChain witnessSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/add-checkpoint").permitAll()
                        .requestMatchers(HttpMethod.GET, "/*/checkpoint", "/verifier-key", "/evidence",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
