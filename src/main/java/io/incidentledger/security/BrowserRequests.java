package io.incidentledger.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A page a browser asks for: it names HTML in {@code Accept}, sends no {@code Authorization} header and is not a
 * machine's path (the API, actuator, the OpenAPI document). Only such a request is sent to sign in when it is not
 * authenticated; every other one gets a 401 problem, never a redirect.
 */
final class BrowserRequests implements RequestMatcher {

    private final RequestMatcher machinePaths = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern("/api/**"),
            PathPatternRequestMatcher.pathPattern("/actuator/**"),
            PathPatternRequestMatcher.pathPattern("/v3/api-docs/**"));

    @Override
    public boolean matches(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && !machinePaths.matches(request)
                && acceptsHtml(request.getHeader(HttpHeaders.ACCEPT));
    }

    private static boolean acceptsHtml(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            // a wildcard alone is what scripts and tools send; browsers name text/html
            return types.stream().anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("html"));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
