package io.incidentledger.security;

import java.io.IOException;

import io.incidentledger.web.ProblemResponseWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a bearer token that could not be checked: a refused token is a 401, as any wrong credentials; a token that
 * could not be checked at all, because the OpenID provider's discovery document or keys could not be fetched, is a
 * 503 with {@code Retry-After}, for the fault is not the caller's (Spring's default would be a 500).
 */
final class BearerFailures implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerFailures.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private final AuthenticationEntryPoint unauthenticated;
    private final ProblemResponseWriter problems;

    BearerFailures(AuthenticationEntryPoint unauthenticated, ProblemResponseWriter problems) {
        this.unauthenticated = unauthenticated;
        this.problems = problems;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof AuthenticationServiceException) {
            log.warn("A bearer token could not be checked: {}", exception.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable",
                    "the token could not be checked: the identity provider is out of reach; retry");
            return;
        }
        unauthenticated.commence(request, response, exception);
    }
}
