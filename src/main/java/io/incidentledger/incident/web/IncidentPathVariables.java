package io.incidentledger.incident.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.incidentledger.web.IncidentPaths;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Parses the {@code {id}} of every path that names an incident once, before any handler of any feature runs (the
 * ledger's events and audit bundle, containment, notifications, compliance): what is not an incident id is a 404 there
 * and then, and the handler receives the id in its canonical lower-case form, the aggregate identifier of its events.
 */
@Component
class IncidentPathVariables implements WebMvcConfigurer, HandlerInterceptor {

    static final String VARIABLE = "id";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns("/api/incidents/*", "/api/incidents/*/**", "/api/compliance/incidents/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null || !variables.containsKey(VARIABLE)) {
            return true;
        }
        String given = variables.get(VARIABLE);
        String canonical = IncidentPaths.incidentId(given).value();
        if (!canonical.equals(given)) {
            Map<String, String> canonicalVariables = new LinkedHashMap<>(variables);
            canonicalVariables.put(VARIABLE, canonical);
            request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, canonicalVariables);
        }
        return true;
    }
}
