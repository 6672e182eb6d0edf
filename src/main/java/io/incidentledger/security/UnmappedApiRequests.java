package io.incidentledger.security;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Requests under {@code /api} that no endpoint of the API maps, by path or by method: Spring MVC answers them 404 or
 * 405, which tells an authenticated principal no more than docs/api.md does. Everything a controller maps stays
 * subject to the role table, and is denied where the table grants nobody.
 */
final class UnmappedApiRequests implements RequestMatcher {

    private final RequestMatcher api = PathPatternRequestMatcher.pathPattern("/api/**");
    private final Supplier<RequestMappingHandlerMapping> mappings;

    UnmappedApiRequests(Supplier<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (!api.matches(request)) {
            return false;
        }
        try {
            return mappings.get().getHandler(new LookupOnly(request)) == null;
        } catch (HttpRequestMethodNotSupportedException wrongMethod) {
            return true;
        } catch (Exception mappedButNotAcceptable) {
            // the path and method are an endpoint's, only its content type, Accept or parameters do not fit
            return false;
        }
    }

    /** The request as the handler mapping sees it, with the attributes the lookup sets kept out of the real one. */
    private static final class LookupOnly extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        LookupOnly(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (attributes.containsKey(name)) {
                return attributes.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(attributes.keySet());
            return Collections.enumeration(names);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                removeAttribute(name);
                return;
            }
            attributes.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
            removed.add(name);
        }
    }
}
