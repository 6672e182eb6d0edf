package io.incidentledger.web.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.incidentledger.web.PayloadTooLargeException;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Makes every state-changing request of the API safe to retry: a {@code POST} with an {@code Idempotency-Key} claims
 * the key (per principal) in the same transaction as the changes it causes, and stores its answer there when it
 * succeeds. A repeat with the same key and the same request gets the first answer again (with
 * {@code Idempotent-Replayed: true}) and changes nothing; the same key with another request is refused
 * ({@code 422 idempotency-key-reused}); a refused request stores nothing, key included, so it may be sent again.
 *
 * <p>Left to their own handling: reports, whose incident id is derived from the principal and the key, and the
 * detector endpoints, which recognise a redelivered alert by the alert's own identity. Both catch a conflict from the
 * store and go on, which a request's single transaction would not survive on PostgreSQL. And the creation of an API
 * token, whose answer holds the token's secret, which must not be stored: it refuses a key itself.
 *
 * <p>Paths are compared decoded, as Spring MVC maps them, so that an encoded spelling of a path reaches neither
 * another rule nor no rule.
 *
 * <p>Runs after Spring Security (it needs the principal) and after the body size limit
 * ({@link IdempotencyConfiguration}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** What a key may be: 1 to 255 printable ASCII characters, no spaces (also for the endpoints that use it). */
    public static final String KEY_PATTERN = "[\\x21-\\x7E]{1,255}";
    public static final String KEY_RULE = "must be sent once, with 1 to 255 printable ASCII characters and no spaces";
    /** On the answer to a repeat: this is the first request's answer, and nothing was done again. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
    private static final List<PathPattern> OWN_HANDLING = List.of(
            PathPatternParser.defaultInstance.parse("/api/incidents"),
            PathPatternParser.defaultInstance.parse("/api/detections"),
            PathPatternParser.defaultInstance.parse("/api/detections/**"),
            PathPatternParser.defaultInstance.parse("/api/transactions"),
            PathPatternParser.defaultInstance.parse("/api/admin/api-tokens"));

    private final IdempotentRequests requests;
    private final TransactionTemplate transactions;
    private final ProblemResponseWriter problems;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final AtomicReference<Instant> lastForgotten = new AtomicReference<>(Instant.MIN);

    public IdempotencyFilter(IdempotentRequests requests, PlatformTransactionManager transactionManager,
                             ProblemResponseWriter problems, IdempotencyProperties properties, Clock clock) {
        this.requests = requests;
        this.transactions = new TransactionTemplate(transactionManager);
        this.problems = problems;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !API.matches(path(request));
    }

    /** Whether a {@code POST} to this path (or path pattern) claims its {@code Idempotency-Key} here. */
    public static boolean claimsKeysOf(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return API.matches(container) && OWN_HANDLING.stream().noneMatch(pattern -> pattern.matches(container));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> keys = request.getHeaders(HEADER);
        if (keys == null || !keys.hasMoreElements()) {
            chain.doFilter(request, response);
            return;
        }
        String key = keys.nextElement();
        if (keys.hasMoreElements() || !KEY.matcher(key).matches()) {
            problems.write(request, response,
                    Problems.validationFailed(List.of(Problems.fieldError(HEADER, KEY_RULE))));
            return;
        }
        PathContainer path = path(request);
        Authentication principal = SecurityContextHolder.getContext().getAuthentication();
        if (principal == null || OWN_HANDLING.stream().anyMatch(pattern -> pattern.matches(path))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException tooLarge) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    tooLarge.getMessage());
            return;
        }
        Claim claim = new Claim(principal.getName(), key, digest(request, body), request.getMethod(),
                path.value());
        Optional<IdempotentRequests.Stored> stored = requests.find(claim.principal(), key);
        if (stored.isPresent()) {
            repeat(request, response, claim, stored.get());
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            transactions.executeWithoutResult(status -> {
                try {
                    requests.claim(claim.principal(), key, claim.digest(), claim.method(), claim.path());
                } catch (DuplicateKeyException | ConcurrencyFailureException taken) {
                    throw new KeyTaken(taken);
                }
                try {
                    chain.doFilter(new CachedBody(request, body), answer);
                } catch (IOException | ServletException failure) {
                    throw new ChainFailed(failure);
                }
                if (answer.getStatus() >= 200 && answer.getStatus() < 300) {
                    requests.answer(claim.principal(), key, new IdempotentRequests.Answer(answer.getStatus(),
                            answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                            answer.getContentAsByteArray()));
                } else {
                    status.setRollbackOnly();
                }
            });
        } catch (KeyTaken taken) {
            // another request with this key got there first: it committed (its answer is repeated), or still runs
            Optional<IdempotentRequests.Stored> first = requests.find(claim.principal(), key);
            if (first.isPresent()) {
                repeat(request, response, claim, first.get());
            } else {
                inProgress(request, response);
            }
            return;
        } catch (ChainFailed failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) failed.getCause();
        }
        answer.copyBodyToResponse();
        forgetExpired();
    }

    private void repeat(HttpServletRequest request, HttpServletResponse response, Claim claim,
                        IdempotentRequests.Stored stored) throws IOException {
        if (!stored.requestDigest().equals(claim.digest())) {
            problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "this Idempotency-Key was already used for a different request");
            return;
        }
        if (stored.answer() == null) {
            inProgress(request, response);
            return;
        }
        IdempotentRequests.Answer answer = stored.answer();
        response.setStatus(answer.status());
        response.setHeader(REPLAYED, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.body() != null && answer.body().length > 0) {
            response.getOutputStream().write(answer.body());
        }
    }

    private void inProgress(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-use",
                "a request with this Idempotency-Key is still being processed; retry");
    }

    /** Forgets keys older than the retention, at most once a minute, outside the request's transaction. */
    private void forgetExpired() {
        Instant now = clock.instant();
        Instant last = lastForgotten.get();
        if (last.isAfter(now.minusSeconds(60)) || !lastForgotten.compareAndSet(last, now)) {
            return;
        }
        try {
            int forgotten = requests.forgetBefore(now.minus(properties.retention()));
            log.debug("Forgot {} idempotency keys older than {}", forgotten, properties.retention());
        } catch (RuntimeException failure) {
            log.warn("Could not forget expired idempotency keys; trying again later: {}", failure.getMessage());
        }
    }

    /** What makes two requests the same: method, path and query, content type and body. */
    private static String digest(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String head = request.getMethod() + " " + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n"
                    + (request.getContentType() == null ? "" : request.getContentType()) + "\n";
            sha256.update(head.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The path within the application, with its segments decoded for matching. */
    private static PathContainer path(HttpServletRequest request) {
        return PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
    }

    private record Claim(String principal, String key, String digest, String method, String path) {
    }

    private static final class KeyTaken extends RuntimeException {
        KeyTaken(Throwable cause) {
            super(cause);
        }
    }

    private static final class ChainFailed extends RuntimeException {
        ChainFailed(Throwable cause) {
            super(cause);
        }
    }

    /** The request with its body read once, for the digest, and served again to the application. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
