package io.incidentledger.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.incidentledger.web.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a password sign-in (HTTP Basic credentials, or the sign-in form's {@code POST /login}) with 429 and
 * {@code Retry-After} while the {@link LoginThrottle} holds its user name or client address back, before its password
 * is checked: guessing stops, and no bcrypt check is spent on it. Runs before Spring Security's form and Basic filters.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";
    /** The sign-in form's field, as Spring Security's form login reads it. */
    private static final String FORM_USER_NAME = "username";

    private final LoginThrottle throttle;
    private final ProblemResponseWriter problems;

    LoginThrottleFilter(LoginThrottle throttle, ProblemResponseWriter problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
        boolean signInForm = !basic && HttpMethod.POST.matches(request.getMethod())
                && AccountController.SIGN_IN.equals(request.getServletPath());
        if (basic || signInForm) {
            String userName = basic ? userName(authorization) : request.getParameter(FORM_USER_NAME);
            Duration wait = throttle.blockedFor(userName, request.getRemoteAddr());
            if (!wait.isZero()) {
                long seconds = Math.max(1, wait.plusMillis(999).toSeconds());
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled",
                        "too many failed sign-ins for this user or from this address; retry after " + seconds
                                + " seconds");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The name in Basic credentials, or null when they are not Base64 or have no colon (Spring refuses those). */
    private static String userName(String authorization) {
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? null : credentials.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
