package io.incidentledger.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problem documents of the API. Every problem has a stable {@code type}
 * ({@code urn:incident-ledger:problem:<code>}) and the same {@code code} as an extension member.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:incident-ledger:problem:";

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
