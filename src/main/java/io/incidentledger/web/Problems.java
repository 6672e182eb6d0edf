package io.incidentledger.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.incidentledger.common.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the RFC 9457 problem documents of the API. Every problem has a stable {@code type}
 * ({@code urn:incident-ledger:problem:<code>}) and the same {@code code} as an extension member.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:incident-ledger:problem:";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    /** {@code 422 validation-failed}, listing each invalid field (or header) with what is wrong with it. */
    public static ProblemDetail validationFailed(List<Map<String, String>> errors) {
        ProblemDetail problem = of(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed",
                "the request has invalid values");
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * {@code 503 temporarily-unavailable} with {@code Retry-After}, for a request the database could not serve at the
     * moment ({@link TransientFailures}); logged in one line that names the failure's type and SQLSTATE, not its
     * message, which may hold a statement with an event's payload.
     */
    public static ResponseEntity<ProblemDetail> databaseUnavailable(Throwable failure) {
        log.warn("Request failed because the database is unavailable: {}", TransientFailures.reason(failure));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, TransientFailures.RETRY_AFTER_SECONDS)
                .body(of(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable",
                        "the database is unavailable at the moment; retry later"));
    }

    /** One entry of {@link #validationFailed}. */
    public static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    /**
     * The code of a problem nothing more specific is known about than its status: {@code malformed-request} for 400,
     * else the status's name, e.g. {@code method-not-allowed}.
     */
    public static String codeOf(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST ? "malformed-request"
                : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
