package benchmarks.containment;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP calls to one application instance as a demo user (HTTP Basic, the password is the user name), one at a time,
 * HTTP/1.1 as the detectors' clients would.
 */
final class ApiCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    ApiCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A request ready to send; building it apart lets the caller start its clock just before sending. */
    HttpRequest post(String user, String path, String body) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + credentials)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Sends and insists on {@code expected}: a benchmark on a flow that does not work measures nothing. */
    HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered HTTP "
                    + response.statusCode() + " instead of " + expected + ": " + response.body());
        }
        return response;
    }

    /** An Instant as the event serializer writes it: ISO-8601 text or decimal epoch seconds. */
    static Instant instant(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(value.asText());
    }
}
