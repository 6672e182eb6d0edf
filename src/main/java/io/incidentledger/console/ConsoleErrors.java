package io.incidentledger.console;

import io.incidentledger.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console page that names something that does not exist, or has a value in its address that is not valid, answers
 * with a page a person can read, with the status the API gives the same mistake (404, 422, 400); the API's own
 * answers stay {@code problem+json}. Anything else is left to the API's handler.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException notFound, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "Not found", notFound.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException mismatch, HttpServletRequest request) {
        return page(HttpStatus.UNPROCESSABLE_CONTENT, "Not a valid address",
                "'" + mismatch.getName() + "' has a value the console does not know", request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ModelAndView invalid(HandlerMethodValidationException invalid, HttpServletRequest request) {
        return page(HttpStatus.UNPROCESSABLE_CONTENT, "Not a valid address",
                "a value in the address is out of range or too long", request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException missing, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "Not a valid address",
                "'" + missing.getParameterName() + "' is missing", request);
    }

    private static ModelAndView page(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        page.addObject("path", request.getRequestURI());
        return page;
    }
}
