package io.incidentledger.containment.effector;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.outbound.SignedWebhook;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks a receiver over HTTP to carry out a step: one signed POST per attempt through {@link SignedWebhook}, with the
 * step id as the idempotency key so the receiver acts once however often the saga retries.
 *
 * <p>A 2xx answer means done; 408, 425, 429, 5xx, a timeout or a failed connection are worth another attempt; any
 * other answer (a 4xx, or a redirect, which is not followed) means the receiver refused, and repeating will not
 * change its mind.
 */
public final class WebhookEffector implements Effector {

    public static final String NAME = "webhook";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ANSWER_CHARS = 200;

    private final Port port;
    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final SignedWebhook webhook;
    private final Clock clock;

    /**
     * @param timeout how long one attempt waits for the answer once connected (the connect timeout is the
     *                {@code webhook}'s)
     */
    public WebhookEffector(Port port, URI url, String secret, Duration timeout, SignedWebhook webhook, Clock clock) {
        this.port = Objects.requireNonNull(port, "port");
        this.url = Objects.requireNonNull(url, "url");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the " + port.key() + " webhook needs a secret");
        }
        this.secret = secret;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EffectorResult perform(EffectorRequest request) {
        if (request.action().port() != port) {
            throw new IllegalArgumentException(request.action() + " goes through " + request.action().port()
                    + ", not " + port);
        }
        SignedWebhook.Response response;
        try {
            response = webhook.post(url, secret, request.stepId(), body(request), timeout);
        } catch (SignedWebhook.Unreachable e) {
            return new EffectorResult.RetryableFailure(e.getMessage());
        }
        if (response.isSuccess()) {
            return new EffectorResult.Executed(NAME, referenceOf(response));
        }
        String answer = receiver() + " answered " + response.status() + answerText(response);
        if (response.isRetryable()) {
            return new EffectorResult.RetryableFailure(answer);
        }
        if (response.status() >= 300 && response.status() < 400) {
            return new EffectorResult.PermanentFailure(answer + " (redirects are not followed: check the url)");
        }
        return new EffectorResult.PermanentFailure(answer);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The JSON the receiver gets; field order is fixed so that logs and examples read the same. */
    String body(EffectorRequest request) {
        AffectedAsset asset = request.target();
        ObjectNode body = JSON.createObjectNode();
        body.put("stepId", request.stepId());
        body.put("incidentId", request.incidentId());
        body.put("action", request.action().name());
        ObjectNode target = body.putObject("target");
        target.put("type", asset.type().name());
        target.put("identifier", asset.identifier());
        target.put("chain", asset.chain());
        body.put("reason", request.reason());
        body.put("attempt", request.attempt());
        body.put("requestedBy", request.requestedBy());
        body.put("sentAt", clock.instant().toString());
        return JSON.writeValueAsString(body);
    }

    /** The receiver's {@code reference} field, else its {@code X-Request-Id}, else the status. */
    private static String referenceOf(SignedWebhook.Response response) {
        String body = response.body();
        if (body != null && !body.isBlank()) {
            try {
                JsonNode reference = JSON.readTree(body).path("reference");
                if (reference.isString() && !reference.stringValue().isBlank()) {
                    return reference.stringValue();
                }
                if (reference.isNumber()) {
                    return reference.asString();
                }
            } catch (JacksonException notJson) {
                // a plain-text or cut-off answer carries no reference; fall through to the header
            }
        }
        if (response.requestId() != null) {
            return response.requestId();
        }
        return "http-" + response.status();
    }

    private static String answerText(SignedWebhook.Response response) {
        String text = SafeText.of(response.body(), MAX_ANSWER_CHARS);
        return text.isEmpty() ? "" : ": " + text;
    }

    private String receiver() {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    @Override
    public String toString() {
        return "WebhookEffector[" + port + " -> " + url.getScheme() + "://" + receiver() + ", timeout " + timeout + "]";
    }
}
