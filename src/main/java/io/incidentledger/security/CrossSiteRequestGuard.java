package io.incidentledger.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import io.incidentledger.web.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a page of another site from changing anything through a browser that holds credentials for this service (a
 * session cookie, or Basic credentials the browser re-sends by itself). An unsafe request (not GET, HEAD, OPTIONS or
 * TRACE) is refused with 403 when the browser says it comes from another site ({@code Sec-Fetch-Site: cross-site} or
 * {@code same-site}) or, a browser that sends no {@code Sec-Fetch-Site}, names an {@code Origin} other than this
 * service's; and under {@code /api} with 415 when its body is of a type a page may send anywhere without asking first
 * (a form, multipart or {@code text/plain}), for browsers that send neither header. Clients that are not browsers
 * send neither header and JSON, and pass.
 *
 * <p>{@code Sec-Fetch-Site}, which no page can set, is the browser's word where it sends one: under this service's
 * {@code Referrer-Policy: no-referrer} a browser posts our own pages' forms with {@code Origin: null} and
 * {@code Sec-Fetch-Site: same-origin}, and such a form (signing in, signing out) must pass. A page of an opaque
 * origin (a sandboxed frame) is {@code cross-site} to the browser.
 */
final class CrossSiteRequestGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");
    /** Our own page, or the person themselves (an address typed, a bookmark). */
    private static final Set<String> THIS_SITE = Set.of("same-origin", "none");
    private static final Set<MediaType> SIMPLE_TYPES = Set.of(MediaType.APPLICATION_FORM_URLENCODED,
            MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN);

    private final RequestMatcher api = PathPatternRequestMatcher.pathPattern("/api/**");
    private final ProblemResponseWriter problems;

    CrossSiteRequestGuard(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
        } else if (fromAnotherSite(request)) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "cross-site-request",
                    "a request from another site's page may not change anything here");
        } else if (api.matches(request) && formLike(request.getContentType())) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "the API takes no form, multipart or text/plain body, which any web page can send; send"
                            + " application/json, or no Content-Type without a body");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String said = site.trim().toLowerCase(Locale.ROOT);
            if (OTHER_SITES.contains(said)) {
                return true;
            }
            if (THIS_SITE.contains(said)) {
                return false;
            }
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !sameOrigin(origin.trim(), request);
    }

    /**
     * Whether {@code origin} is this service's origin as the request reached it: its scheme, host and port, which
     * behind a proxy follow {@code server.forward-headers-strategy}. {@code Origin: null} is no origin of ours.
     */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            return scheme.equalsIgnoreCase(request.getScheme())
                    && unbracketed(host).equalsIgnoreCase(unbracketed(request.getServerName()))
                    && port(uri.getPort(), scheme) == port(request.getServerPort(), request.getScheme());
        } catch (URISyntaxException notAnOrigin) {
            return false;
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(int port, String scheme) {
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** A body type a page may send cross-site without a CORS preflight; an unreadable type is not JSON either. */
    private static boolean formLike(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return SIMPLE_TYPES.stream().anyMatch(simple -> simple.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException unreadable) {
            return true;
        }
    }
}
