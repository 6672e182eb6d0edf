package io.incidentledger.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests that must carry Spring Security's CSRF token: unsafe ones that come with a valid session, which a
 * browser sends by itself, and no {@code Authorization} header. A request with a bearer token or Basic credentials is
 * authenticated by them rather than by the session; a page of another site cannot add a bearer token, and where a
 * browser re-sends cached Basic credentials by itself the {@link CrossSiteRequestGuard} refuses the request. API
 * clients without a session therefore need no token.
 */
final class SessionCsrfRequests implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
        return CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null && request.isRequestedSessionIdValid();
    }
}
