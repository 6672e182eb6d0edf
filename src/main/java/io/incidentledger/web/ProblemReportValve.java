package io.incidentledger.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's report of what it refuses before any application code runs (a malformed request line or path, an encoded
 * slash, a header too large, {@code CONNECT}), as a problem document instead of Tomcat's HTML page. It reports like
 * {@link ErrorReportValve}: only an error nothing has written a body for yet.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = statusCode < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        String code = Problems.codeOf(status);
        problem.put("type", Problems.TYPE_PREFIX + code);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", statusCode);
        problem.put("detail", detail(status));
        problem.put("code", code);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // the client is gone or the response cannot take a body any more; there is nobody to tell
        }
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is not valid HTTP: its request line, path, encoding or headers are "
                    + "malformed or too large";
            case NOT_IMPLEMENTED -> "the server does not implement this method";
            default -> status.getReasonPhrase();
        };
    }
}
