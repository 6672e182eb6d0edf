package io.incidentledger.detection.ingest.ozmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The webhook signature as OpenZeppelin Monitor computes it: hex HMAC-SHA256 over body then timestamp. */
class OpenZeppelinMonitorSignatureTest {

    static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    static final Instant SENT = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void signsTheBodyFollowedByTheTimestamp() {
        // printf '{"a":1}1700000000000' | openssl dgst -sha256 -hmac test-secret
        assertThat(WebhookSignature.sign("test-secret", BODY, "1700000000000"))
                .isEqualTo("e9ad5ce596c5a140493436e9db6c85e2c2adada92062282342fd669e4eca3b19");
    }

    @Test
    void acceptsAnUpperCaseHexSignature() {
        Instant sentAt = WebhookSignature.verify("test-secret", BODY,
                "E9AD5CE596C5A140493436E9DB6C85E2C2ADADA92062282342FD669E4ECA3B19", "1700000000000",
                SENT.plusSeconds(1), Duration.ofMinutes(5));

        assertThat(sentAt).isEqualTo(SENT);
    }

    @Test
    void refusesATimestampThatIsNotMilliseconds() {
        assertThatThrownBy(() -> WebhookSignature.verify("test-secret", BODY,
                "e9ad5ce596c5a140493436e9db6c85e2c2adada92062282342fd669e4eca3b19", "2023-11-14T22:13:20Z",
                SENT, Duration.ofMinutes(5)))
                .isInstanceOf(WebhookSignature.Rejected.class);
    }

    @Test
    void refusesASignatureOfAnotherLength() {
        assertThatThrownBy(() -> WebhookSignature.verify("test-secret", BODY, "e9ad5ce5", "1700000000000",
                SENT, Duration.ofMinutes(5)))
                .isInstanceOf(WebhookSignature.Rejected.class);
    }
}
