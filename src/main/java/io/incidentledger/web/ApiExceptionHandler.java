package io.incidentledger.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.TransientFailures;
import io.incidentledger.incident.api.AssetType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that turns failures into RFC 9457 problem documents: a client's mistake is never a 500, a failure of
 * the database is a 503 to retry, and a refused command has stored nothing.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CommandRefusedException.class)
    ResponseEntity<ProblemDetail> refused(CommandRefusedException refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        return problem(status, refusal.code(), refusal.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException notFound) {
        return problem(HttpStatus.NOT_FOUND, notFound.code(), notFound.getMessage());
    }

    /**
     * A command for an aggregate that does not exist, named by its identifier: an incident's is its bare UUID, every
     * other aggregate's starts with its kind ({@code signing-key:hot-1}, {@code contract:ethereum:0x…}), since
     * identifiers are unique across kinds. A missing asset answers as the asset API does ({@code asset-not-found}).
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException notFound) {
        String identifier = String.valueOf(notFound.getAggregateIdentifier());
        int colon = identifier.indexOf(':');
        if (colon < 0) {
            return problem(HttpStatus.NOT_FOUND, "incident-not-found", "no incident " + identifier);
        }
        String kind = identifier.substring(0, colon);
        String detail = "no " + kind.replace('-', ' ') + " " + identifier.substring(colon + 1);
        return problem(HttpStatus.NOT_FOUND, isAssetKind(kind) ? "asset-not-found" : "not-found", detail);
    }

    /** The asset aggregates' prefixes are their {@link AssetType}s' names: {@code withdrawal-channel}. */
    private static boolean isAssetKind(String kind) {
        return Arrays.stream(AssetType.values())
                .anyMatch(type -> type.name().replace('_', '-').equalsIgnoreCase(kind));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException conflict) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification",
                "what the request changes (an incident, an asset, an access log) was changed by another request at the"
                        + " same moment; retry");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        Class<?> type = mismatch.getRequiredType();
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-parameter",
                "parameter '" + mismatch.getName() + "' " + (type == null ? "has an invalid value" : "must be "
                        + expected(type)));
        allowedValues(type, problem);
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(BodyNotAllowedException.class)
    ResponseEntity<ProblemDetail> bodyNotAllowed(BodyNotAllowedException refused) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "body-not-allowed", refused.getMessage());
    }

    /** Tomcat refuses a query string it cannot decode (invalid percent-encoding or UTF-8) once it is read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameters(InvalidParameterException invalid) {
        HttpStatus status = HttpStatus.resolve(invalid.getErrorCode());
        HttpStatus answer = status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST;
        return problem(answer, Problems.codeOf(answer),
                "the query string is not valid percent-encoded UTF-8, or has too many parameters");
    }

    /** Spring Security's firewall refuses a header value it deems dangerous lazily, when a handler reads it. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException rejected) {
        return problem(HttpStatus.BAD_REQUEST, "request-rejected", RequestRejections.DETAIL);
    }

    /** Method validation by a {@code @Validated} proxy rather than by Spring MVC; named as well as it can be. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolations(ConstraintViolationException violations) {
        List<Map<String, String>> errors = violations.getConstraintViolations().stream()
                .map(violation -> error(propertyName(violation), violation.getMessage()))
                .toList();
        return validationFailed(errors);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (TransientFailures.isTransient(failure)) {
            return Problems.databaseUnavailable(failure);
        }
        log.error("Request failed unexpectedly", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the request failed on our side");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = exception.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return body(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage());
            }
        }
        if (cause instanceof JacksonIOException) {
            return body(HttpStatus.BAD_REQUEST, "malformed-request", "the request body could not be read");
        }
        if (cause instanceof CharacterCodingException) {
            return body(HttpStatus.BAD_REQUEST, "malformed-request", "the request body is not well-formed UTF-8");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalidValue(fieldPath(unknown), "unknown field '" + fieldPath(unknown) + "'", null);
        }
        if (cause instanceof InputCoercionException outOfRange) {
            String field = fieldPath(outOfRange);
            return invalidValue(field, "field '" + field + "' must be " + expected(outOfRange.getTargetType())
                    + " within range", null);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = fieldPath(mismatch);
            Class<?> type = mismatch.getTargetType();
            String detail = field.isEmpty() ? "the request body must be " + expected(type)
                    : "field '" + field + "' must be " + expected(type);
            return invalidValue(field, detail, type);
        }
        if (cause instanceof JacksonException invalid && !(cause instanceof StreamReadException)) {
            String field = fieldPath(invalid);
            return invalidValue(field, "field '" + field + "' has an invalid value", null);
        }
        if (cause instanceof StreamReadException unreadable) {
            return body(HttpStatus.BAD_REQUEST, "malformed-request",
                    "the request body is not valid JSON: " + unreadable.getOriginalMessage());
        }
        return body(HttpStatus.BAD_REQUEST, "malformed-request",
                cause == null ? "the request body is missing" : "the request body is not valid JSON");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>(exception.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError)
                .toList());
        exception.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(error(error.getObjectName(), message(error))));
        return ResponseEntity.unprocessableContent().body(validationFailed(errors).getBody());
    }

    /**
     * Validation of a handler's parameters: the body's errors name their fields ({@code title}, not the parameter
     * {@code request}), a header's its header name, a query parameter's its parameter name.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException exception, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(error -> errors.add(fieldError(error)));
                parameterErrors.getGlobalErrors().forEach(error -> errors.add(
                        error(inputName(result.getMethodParameter()), message(error))));
            } else {
                String name = inputName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> errors.add(error(name, message(error))));
            }
        }
        return ResponseEntity.unprocessableContent().body(validationFailed(errors).getBody());
    }

    /** Outside the controllers' paths Spring MVC looks for a static resource; the client only needs to know none. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
                                                                   HttpHeaders headers, HttpStatusCode status,
                                                                   WebRequest request) {
        return body(HttpStatus.NOT_FOUND, "not-found", "no such path");
    }

    /** Gives the framework's own problems (404, 405, 406, 415, ...) the same stable type and code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        Object problemBody = body == null && exception instanceof ErrorResponse response
                ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
                : body;
        if (problemBody instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            String code = Problems.codeOf(HttpStatus.valueOf(statusCode.value()));
            problem.setType(URI.create(Problems.TYPE_PREFIX + code));
            problem.setProperty("code", code);
        }
        return super.handleExceptionInternal(exception, problemBody, headers, statusCode, request);
    }

    private static ResponseEntity<Object> invalidValue(String field, String detail, Class<?> type) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-value", detail);
        problem.setProperty("field", field);
        allowedValues(type, problem);
        return ResponseEntity.unprocessableContent().body(problem);
    }

    private static void allowedValues(Class<?> type, ProblemDetail problem) {
        if (type != null && type.isEnum()) {
            problem.setProperty("allowed", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
    }

    /** What a value of this type looks like in the API, for a client who sent something else. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .toList());
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as " + IsoTimes.INSTANT_EXAMPLE;
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as " + IsoTimes.DATE_EXAMPLE;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String fieldPath(JacksonException invalid) {
        return invalid.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .reduce((left, right) -> right.startsWith("[") ? left + right : left + "." + right)
                .orElse("");
    }

    /** The name a client knows an input by: the header or query parameter name, else the parameter's own. */
    private static String inputName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !(header.name() + header.value()).isEmpty()) {
            return header.name().isEmpty() ? header.value() : header.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !(param.name() + param.value()).isEmpty()) {
            return param.name().isEmpty() ? param.value() : param.name();
        }
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable != null && !(variable.name() + variable.value()).isEmpty()) {
            return variable.name().isEmpty() ? variable.value() : variable.name();
        }
        return String.valueOf(parameter.getParameterName());
    }

    /** The property path of a violation without the method it was found on: {@code idempotencyKey}. */
    private static String propertyName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.CONSTRUCTOR
                    && node.getName() != null) {
                names.add(node.getName());
            }
        }
        return String.join(".", names);
    }

    private static Map<String, String> fieldError(FieldError error) {
        return error(error.getField(), message(error));
    }

    private static Map<String, String> error(String field, String message) {
        return Problems.fieldError(field, message);
    }

    private static String message(MessageSourceResolvable error) {
        return String.valueOf(error.getDefaultMessage());
    }

    private static ResponseEntity<ProblemDetail> validationFailed(List<Map<String, String>> errors) {
        return ResponseEntity.unprocessableContent().body(Problems.validationFailed(errors));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail));
    }

    private static ResponseEntity<Object> body(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail));
    }
}
