package io.incidentledger.web.openapi;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.incidentledger.web.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to each operation the problem documents the service can answer it with, by what the handler takes, so that
 * the document says what the code does rather than what someone remembered to annotate:
 * <ul>
 *     <li>every operation: 400 (a request the firewall or the container refuses: an undecodable path or query, an
 *     oversized header; or a missing required input or a body that is not JSON), 401 (no valid credentials), 403 (the
 *     role may not), 415 (a body sent to an operation that takes none, or of a type it does not consume), 422 (an
 *     unknown or repeated query parameter, an invalid value), 429 (too many failed sign-ins), 500 (an unexpected
 *     failure), 503 (the database is unavailable); 406 where it declares what it produces;</li>
 *     <li>a request body: 413 (too large);</li>
 *     <li>a path variable: 404 (no such incident, asset, step, ...);</li>
 *     <li>a {@code POST} whose {@code Idempotency-Key} the {@link IdempotencyFilter} claims: the header, and 409 (the
 *     incident changed at the same time, the action conflicts with its state, or the key is in use).</li>
 * </ul>
 * A status the handler documents itself (e.g. a 404 without a path variable) is kept as it is.
 */
final class ProblemResponses implements OperationCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(400, "malformed-request: the body is not JSON, a required parameter or header is missing, or"
                    + " the path, query or headers cannot be read; request-rejected: the firewall refused the request"),
            Map.entry(401, "unauthenticated: no valid credentials (HTTP Basic, or a bearer API token or JWT)"),
            Map.entry(403, "forbidden: the principal's role may not do this; allowedRoles names those that may"),
            Map.entry(404, "not found: no such incident, asset, step or item (incident-not-found, asset-not-found, …)"),
            Map.entry(406, "not-acceptable: Accept names no type this operation produces"),
            Map.entry(409, "the incident changed at the same time (concurrent-modification), the action conflicts"
                    + " with its state, or the Idempotency-Key is in use by a request still running"),
            Map.entry(413, "payload-too-large: the body exceeds incident-ledger.api.max-request-bytes"),
            Map.entry(415, "unsupported-media-type: a Content-Type the operation does not consume, or"
                    + " body-not-allowed: a body sent to an operation that takes none"),
            Map.entry(422, "validation-failed, invalid-value or invalid-parameter (errors, field and allowed say"
                    + " what), a refused command, or idempotency-key-reused"),
            Map.entry(429, "too many failed sign-ins from this client or for this user; retry after Retry-After"),
            Map.entry(500, "internal-error: the request failed on our side; the detail says no more"),
            Map.entry(503, "temporarily-unavailable: the database is unavailable at the moment; retry after"
                    + " Retry-After"));

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Inputs inputs = Inputs.of(handler);
        List<Integer> statuses = new ArrayList<>(List.of(400, 401, 403, 415, 422, 429, 500, 503));
        if (inputs.produces()) {
            statuses.add(406);
        }
        if (inputs.body()) {
            statuses.add(413);
        }
        if (inputs.pathVariable()) {
            statuses.add(404);
        }
        if (inputs.claimsIdempotencyKey()) {
            statuses.add(409);
            if (operation.getParameters() == null || operation.getParameters().stream()
                    .noneMatch(parameter -> IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName()))) {
                operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                        .description("makes the request safe to retry: a repeat gets the first answer"
                                + " (Idempotent-Replayed: true) and changes nothing; "
                                + IdempotencyFilter.KEY_RULE)
                        .schema(new StringSchema().pattern(IdempotencyFilter.KEY_PATTERN)));
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (int status : statuses) {
            responses.computeIfAbsent(String.valueOf(status), code -> problem(status));
        }
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        return operation.responses(sorted);
    }

    private static ApiResponse problem(int status) {
        ApiResponse response = new ApiResponse().description(DESCRIPTIONS.get(status))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().description("seconds to wait")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** What a handler method takes, as far as its errors go. */
    private record Inputs(boolean body, boolean pathVariable, boolean produces, boolean claimsIdempotencyKey) {

        static Inputs of(HandlerMethod handler) {
            boolean body = false;
            boolean pathVariable = false;
            for (Parameter parameter : handler.getMethod().getParameters()) {
                body |= parameter.isAnnotationPresent(RequestBody.class);
                pathVariable |= parameter.isAnnotationPresent(PathVariable.class);
            }
            RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(),
                    RequestMapping.class);
            RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                    RequestMapping.class);
            boolean produces = method != null && method.produces().length > 0
                    || type != null && type.produces().length > 0;
            boolean post = method != null && Arrays.asList(method.method()).contains(RequestMethod.POST);
            boolean claims = post && paths(type, method).stream().anyMatch(IdempotencyFilter::claimsKeysOf);
            return new Inputs(body, pathVariable, produces, claims);
        }

        private static List<String> paths(RequestMapping type, RequestMapping method) {
            List<String> prefixes = type == null || type.path().length == 0 ? List.of("") : List.of(type.path());
            List<String> suffixes = method == null || method.path().length == 0 ? List.of("") : List.of(method.path());
            return prefixes.stream().flatMap(prefix -> suffixes.stream().map(suffix -> prefix + suffix)).toList();
        }
    }
}
