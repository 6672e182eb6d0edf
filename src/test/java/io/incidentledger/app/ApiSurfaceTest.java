package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.incidentledger.testing.FlowsApplicationTest;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint the controllers map under {@code /api}, so that a new endpoint cannot slip past two rules:
 * the role table grants nothing by default, and an endpoint says what it produces, which Spring MVC then checks
 * against {@code Accept} before the handler acts. Shares its context with {@link H2ApplicationTest}.
 */
@FlowsApplicationTest
class ApiSurfaceTest {

    private static final List<String> ROLES = List.of("RESPONDER", "COMMANDER", "DETECTOR", "REGULATOR", "ADMIN");

    /**
     * Read-only text resources of the ledger whose controller sets its content type itself; owned by the ledger's
     * package, which should declare {@code produces = "text/plain"} on them.
     */
    private static final Set<String> PRODUCES_NOT_DECLARED = Set.of("GET /api/ledger/checkpoint",
            "GET /api/ledger/public-key");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    SecurityFilterChain securityFilterChain;

    private record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }

        /** A request to this endpoint, with a UUID for each path variable. */
        HttpServletRequest request() {
            String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            return new MockHttpServletRequest(method.name(), path);
        }
    }

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.values()) : methods) {
                    endpoints.add(new Endpoint(method, pattern, mapping.getValue()));
                }
            }
        }
        assertThat(endpoints).as("the API's endpoints").hasSizeGreaterThan(50);
        return endpoints;
    }

    private AuthorizationManager<HttpServletRequest> authorization() {
        return securityFilterChain.getFilters().stream()
                .filter(AuthorizationFilter.class::isInstance)
                .map(filter -> ((AuthorizationFilter) filter).getAuthorizationManager())
                .findFirst().orElseThrow();
    }

    private static boolean granted(AuthorizationManager<HttpServletRequest> authorization, HttpServletRequest request,
                                   String... roles) {
        Authentication principal = UsernamePasswordAuthenticationToken.authenticated("someone", null,
                AuthorityUtils.createAuthorityList(Arrays.stream(roles).map(role -> "ROLE_" + role)
                        .toArray(String[]::new)));
        AuthorizationResult result = authorization.authorize(() -> principal, request);
        return result != null && result.isGranted();
    }

    @Test
    void noEndpointOfTheApiIsOpenToAPrincipalWithoutARole() {
        AuthorizationManager<HttpServletRequest> authorization = authorization();

        List<Endpoint> open = apiEndpoints().stream()
                .filter(endpoint -> granted(authorization, endpoint.request()))
                .toList();

        assertThat(open).as("endpoints that no rule of the role table guards").isEmpty();
    }

    @Test
    void everyEndpointOfTheApiIsGrantedToSomeRoleByALineOfTheRoleTable() {
        AuthorizationManager<HttpServletRequest> authorization = authorization();

        List<Endpoint> nobodys = apiEndpoints().stream()
                .filter(endpoint -> ROLES.stream().noneMatch(role -> granted(authorization, endpoint.request(), role)))
                .toList();

        assertThat(nobodys).as("endpoints the role table grants to nobody").isEmpty();
    }

    @Test
    void aPathOrMethodTheApiDoesNotHaveIsLeftToSpringMvcForAnyPrincipal() {
        AuthorizationManager<HttpServletRequest> authorization = authorization();

        assertThat(granted(authorization, new MockHttpServletRequest("GET", "/api/incidnets"))).isTrue();
        assertThat(granted(authorization, new MockHttpServletRequest("DELETE", "/api/incidents"))).isTrue();
        assertThat(granted(authorization, new MockHttpServletRequest("GET", "/api/incidents"))).isFalse();
    }

    @Test
    void everyEndpointOfTheApiDeclaresWhatItProducesSoThatNegotiationPrecedesTheAction() {
        List<Endpoint> undeclared = apiEndpoints().stream()
                .filter(endpoint -> mappings.getHandlerMethods().entrySet().stream()
                        .filter(mapping -> mapping.getValue().equals(endpoint.handler()))
                        .anyMatch(mapping -> mapping.getKey().getProducesCondition().isEmpty()))
                .filter(endpoint -> !PRODUCES_NOT_DECLARED.contains(endpoint.toString()))
                .toList();

        assertThat(undeclared).as("endpoints that would act before finding out they cannot answer").isEmpty();
    }
}
