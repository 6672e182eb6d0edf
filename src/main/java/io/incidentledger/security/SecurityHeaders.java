package io.incidentledger.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing headers of every answer, errors and refusals included, set before any other filter can answer:
 * {@code Referrer-Policy}, {@code Permissions-Policy}, {@code Strict-Transport-Security} over TLS, and a
 * {@code Content-Security-Policy} unless the answer brings a stricter one of its own (the regulator report's page).
 * Spring Security adds {@code X-Content-Type-Options}, {@code X-Frame-Options} and {@code Cache-Control}.
 */
final class SecurityHeaders extends OncePerRequestFilter {

    /** No inline or foreign script, style, image, frame or form target; not to be framed anywhere. */
    static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    /**
     * Swagger UI's assets are our files and its start-up script is a file too, but it inserts {@code <style>}
     * elements and its style sheet draws icons from {@code data:} images; its pages allow exactly that.
     */
    static final String SWAGGER_UI_POLICY = POLICY + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
    static final String PERMISSIONS = "accelerometer=(), autoplay=(), camera=(), display-capture=(),"
            + " geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(),"
            + " xr-spatial-tracking=()";
    /** A year; not {@code includeSubDomains}, which would bind other services of the domain. */
    static final String HSTS = "max-age=31536000";
    private static final String CSP = "Content-Security-Policy";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        String uri = request.getRequestURI();
        PolicyOnCommit answer = new PolicyOnCommit(response,
                uri.equals("/swagger-ui.html") || uri.startsWith("/swagger-ui/") ? SWAGGER_UI_POLICY : POLICY);
        try {
            chain.doFilter(request, answer);
        } finally {
            answer.applyPolicy();
        }
    }

    /** Sets the policy when the answer is committed, once its own headers are known, or at the end at the latest. */
    private static final class PolicyOnCommit extends OnCommittedResponseWrapper {

        private final HttpServletResponse response;
        private final String policy;

        PolicyOnCommit(HttpServletResponse response, String policy) {
            super(response);
            this.response = response;
            this.policy = policy;
        }

        @Override
        protected void onResponseCommitted() {
            applyPolicy();
        }

        void applyPolicy() {
            if (!response.isCommitted() && !response.containsHeader(CSP)) {
                response.setHeader(CSP, policy);
            }
        }
    }
}
