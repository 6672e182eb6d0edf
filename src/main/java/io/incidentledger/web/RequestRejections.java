package io.incidentledger.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers what Spring Security's firewall refuses before authentication: a method no endpoint can have (501, as RFC
 * 9110 asks for an unrecognised method) or a path, header or parameter the service never accepts (400). Without this
 * the refusal went to the container's error page, which, outside the authenticated request, answered "401 valid
 * credentials are required" to a client whose credentials were fine.
 */
public class RequestRejections implements RequestRejectedHandler {

    public static final String DETAIL = "the request is refused as malformed: a path not in canonical form (with //, "
            + "/./, /../, ;, or an encoded /, \\ or .), or a header or parameter with control characters";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Logger log = LoggerFactory.getLogger(RequestRejections.class);

    private final ProblemResponseWriter problems;

    public RequestRejections(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("Request refused by the firewall: {}", rejected.getMessage());
        if (!METHODS.contains(request.getMethod())) {
            problems.write(request, response, HttpStatus.NOT_IMPLEMENTED, "not-implemented",
                    "the API has no endpoint for this method");
            return;
        }
        problems.write(request, response, HttpStatus.BAD_REQUEST, "request-rejected", DETAIL);
    }
}
