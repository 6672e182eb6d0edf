package io.incidentledger.ledger.witness;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.incidentledger.ledger.log.AddCheckpointRequest;

/**
 * Speaks C2SP tlog-witness to one witness at a time: {@code add-checkpoint} and the monitoring {@code checkpoint}
 * read. It only says what the witness answered; what that means for the log is {@link WitnessSession}'s business.
 */
public class WitnessClient {

    /** The most of a witness's answer that is read; a cosignature line is about 130 bytes. */
    static final int MAX_ANSWER = 64 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public WitnessClient(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /** What a witness answered to {@code add-checkpoint}. */
    public sealed interface Answer {
    }

    /** 200: the body, which should be cosignature lines. */
    public record Cosigned(String body) implements Answer {
    }

    /** 409: the witness's newest cosigned size for this log is not the old size sent. */
    public record SizeMismatch(long witnessSize) implements Answer {
    }

    /** 422: the witness found the checkpoint inconsistent with what it saw (or malformed). */
    public record Inconsistent(String body) implements Answer {
    }

    /** Anything else: no answer, a refusal (400, 403, 404), a server error, or a malformed answer. */
    public record Failed(String reason) implements Answer {
    }

    public Answer addCheckpoint(ConfiguredWitness witness, AddCheckpointRequest request) {
        HttpRequest post = HttpRequest.newBuilder(witness.addCheckpoint()).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(request.format(), StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
            body = readBounded(response.body());
        } catch (IOException e) {
            return new Failed("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
        return switch (response.statusCode()) {
            case 200 -> new Cosigned(body);
            case 409 -> sizeMismatch(response, body);
            case 422 -> new Inconsistent(body);
            default -> new Failed("HTTP " + response.statusCode() + (body.isBlank() ? "" : ": " + firstLine(body)));
        };
    }

    /** The newest checkpoint the witness cosigned for the origin, as it serves it; empty on 404 or failure. */
    public Optional<String> checkpoint(ConfiguredWitness witness, String origin) {
        HttpRequest get = HttpRequest.newBuilder(witness.checkpointOf(origin)).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
            String body = readBounded(response.body());
            return response.statusCode() == 200 ? Optional.of(body) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Answer sizeMismatch(HttpResponse<?> response, String body) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/x.tlog.size")) {
            return new Failed("HTTP 409 without a text/x.tlog.size body (Content-Type " + type + ")");
        }
        try {
            return new SizeMismatch(AddCheckpointRequest.parseSizeResponse(body));
        } catch (IllegalArgumentException e) {
            return new Failed("HTTP 409 with a malformed size: " + e.getMessage());
        }
    }

    /** Reads at most {@link #MAX_ANSWER} bytes of a body: a witness cannot make the log buffer without end. */
    private static String readBounded(InputStream body) throws IOException {
        try (body) {
            return new String(body.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
