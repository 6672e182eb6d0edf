package io.incidentledger.web;

import java.net.URI;
import java.net.URISyntaxException;

import io.incidentledger.common.TransientFailures;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, in place of Spring Boot's: what failed outside Spring MVC (a filter, the
 * container itself) is answered as a problem document with its status, like everything else. Asked for directly,
 * {@code /error} is no resource of the API: 404.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusCode = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(statusCode instanceof Integer code)) {
            return answer(request, Problems.of(HttpStatus.NOT_FOUND, "not-found", "no such path"));
        }
        HttpStatus status = HttpStatus.resolve(code);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null && TransientFailures.isTransient(failure)) {
            ResponseEntity<ProblemDetail> unavailable = Problems.databaseUnavailable(failure);
            withInstance(request, unavailable.getBody());
            return unavailable;
        }
        if (status == null || status.is5xxServerError()) {
            log.error("Request to {} failed unexpectedly", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    failure);
            return answer(request, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "the request failed on our side"));
        }
        return answer(request, Problems.of(status, Problems.codeOf(status), status.getReasonPhrase()));
    }

    private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(withInstance(request, problem));
    }

    private static ProblemDetail withInstance(HttpServletRequest request, ProblemDetail problem) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            problem.setInstance(new URI(uri instanceof String path ? path : request.getRequestURI()));
        } catch (URISyntaxException notAUri) {
            problem.setInstance(null);
        }
        return problem;
    }
}
