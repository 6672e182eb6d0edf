package io.incidentledger.detection.ingest.ozmonitor;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenZeppelin Monitor's webhook signature: {@code X-Signature} is the lower-case hex HMAC-SHA256, keyed with the
 * trigger's secret, of the JSON body exactly as sent followed by {@code X-Timestamp}, the sending time in
 * milliseconds since the epoch as decimal digits (openzeppelin-monitor src/services/notification/webhook.rs:
 * {@code format!("{}{}", serialized_payload, timestamp)}).
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** Why a delivery is refused; the message is safe to show (it never holds the secret or the expected value). */
    public static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Accepts a delivery only with both headers, a timestamp within {@code tolerance} of {@code now} either way, and
     * a matching signature (compared in constant time); returns the sending time.
     */
    public static Instant verify(String secret, byte[] body, String signature, String timestamp, Instant now,
                                 Duration tolerance) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new Rejected("the X-Signature and X-Timestamp headers are required");
        }
        String millis = timestamp.trim();
        if (!millis.matches("\\d{1,15}")) {
            throw new Rejected("X-Timestamp must be milliseconds since the epoch");
        }
        Instant sentAt = Instant.ofEpochMilli(Long.parseLong(millis));
        if (Duration.between(sentAt, now).abs().compareTo(tolerance) > 0) {
            throw new Rejected("X-Timestamp is outside the accepted window of " + tolerance);
        }
        byte[] expected = sign(secret, body, millis).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new Rejected("the signature does not match");
        }
        return sentAt;
    }

    /** The hex HMAC-SHA256 of {@code body + timestamp}. */
    public static String sign(String secret, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
