package io.incidentledger.console;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.stereotype.Component;

/**
 * Asks the service's own request rules ({@code SecurityConfiguration}) whether a principal may send a request, without
 * sending it: the console shows an action only where the API would take it. Spring's privilege evaluator cannot be
 * used here: its stand-in request has no dispatcher type, which the rules look at first.
 */
@Component
class SecurityRules {

    private final AuthorizationManager<HttpServletRequest> rules;

    SecurityRules(List<SecurityFilterChain> chains) {
        this.rules = chains.stream()
                .flatMap(chain -> chain.getFilters().stream())
                .filter(AuthorizationFilter.class::isInstance)
                .map(filter -> ((AuthorizationFilter) filter).getAuthorizationManager())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no request rules to ask"));
    }

    /** Whether {@code principal} may send {@code method path}, as a request like {@code current} otherwise. */
    boolean allows(Authentication principal, String method, String path, HttpServletRequest current) {
        AuthorizationResult result = rules.authorize(() -> principal, new Asked(current, method, path));
        return result != null && result.isGranted();
    }

    /** The current request with another method and path, and none of its attributes (a lookup caches its own). */
    private static final class Asked extends HttpServletRequestWrapper {

        private final String method;
        private final String path;
        private final Map<String, Object> attributes = new HashMap<>();

        Asked(HttpServletRequest request, String method, String path) {
            super(request);
            this.method = method;
            this.path = path;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(getScheme() + "://" + getServerName() + ":" + getServerPort() + getRequestURI());
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }
    }
}
