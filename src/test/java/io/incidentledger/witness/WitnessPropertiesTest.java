package io.incidentledger.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import io.incidentledger.ledger.log.CosignerKey;
import org.junit.jupiter.api.Test;

/** The witness's settings refuse what would make a witness that cannot work, with the setting to fix. */
class WitnessPropertiesTest {

    private final TestLog log = new TestLog("ledger.example/incidents");
    private final WitnessProperties.Log configured = new WitnessProperties.Log(log.origin(),
            List.of(log.verifierKey()));

    @Test
    void theKeyFileAndBodyLimitHaveDefaults() {
        WitnessProperties properties = new WitnessProperties("witness.example/w1", null, null, List.of(configured));

        assertThat(properties.keyFile()).isEqualTo(Path.of("witness-data", "witness.key"));
        assertThat(properties.maxRequestBytes()).isEqualTo(65536);
    }

    @Test
    void aWitnessNeedsAName() {
        assertThatThrownBy(() -> new WitnessProperties(null, null, null, List.of(configured)))
                .hasMessageContaining("incident-ledger.witness.key-name must be set");
        assertThatThrownBy(() -> new WitnessProperties("has space", null, null, List.of(configured)))
                .hasMessageContaining("key-name");
    }

    @Test
    void aLogIsConfiguredOnceWithItsNoteVerifierKeys() {
        String cosignerKey = CosignerKey.generate("witness.example/other", new SecureRandom()).verifierKey();

        assertThatThrownBy(() -> new WitnessProperties("witness.example/w1", null, null,
                List.of(configured, configured))).hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new WitnessProperties.Log(log.origin(), List.of()))
                .hasMessageContaining("at least one verifier key");
        assertThatThrownBy(() -> new WitnessProperties.Log(log.origin(), List.of(cosignerKey)))
                .hasMessageContaining("not an Ed25519 key");
    }
}
