package io.incidentledger.containment.effector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.outbound.SigningReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The effectors' configuration as the application starts with it: defaults, validation, and no secret shown. */
@ExtendWith(OutputCaptureExtension.class)
class EffectorPropertiesTest {

    private static final String KEYS = "incident-ledger.containment.effectors.key-management.";
    private static final String SECRET = "s3cr3t-Value-That-Must-Not-Leak";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(EffectorConfiguration.class);

    @Test
    void withoutConfigurationEveryPortIsADryRunWithTheDefaultTimeoutsAndRetries() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Effectors effectors = context.getBean(Effectors.class);
            for (EffectorAction action : EffectorAction.values()) {
                assertThat(effectors.adapterFor(action)).isEqualTo("dry-run");
                assertThat(effectors.retryPolicyFor(action)).isEqualTo(
                        new RetryPolicy(5, Duration.ofSeconds(2), 2, Duration.ofMinutes(5)));
            }
            EffectorProperties.PortSettings keys = context.getBean(EffectorProperties.class).keyManagement();
            assertThat(keys.mode()).isEqualTo(EffectorProperties.Mode.DRY_RUN);
            assertThat(keys.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(keys.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(EffectorProperties.class).answerGrace()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void theBlockInApplicationYmlGivesTheSameDefaults() throws IOException {
        List<PropertySource<?>> applicationYml = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"));

        for (Port port : Port.values()) {
            String prefix = EffectorProperties.PREFIX + "." + port.key() + ".";
            assertThat(applicationYml.get(0).getProperty(prefix + "secret")).asString()
                    .isEqualTo("${INCIDENT_LEDGER_" + port.name() + "_WEBHOOK_SECRET:}");
            assertThat(applicationYml.get(0).getProperty(prefix + "retry.max-attempts")).isEqualTo(5);
        }
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addLast(applicationYml.get(0)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EffectorProperties properties = context.getBean(EffectorProperties.class);
                    EffectorProperties.PortSettings dryRun = new EffectorProperties.PortSettings(null, null, null,
                            null, null, null);
                    for (Port port : Port.values()) {
                        assertThat(properties.forPort(port)).isEqualTo(dryRun);
                    }
                });
    }

    @Test
    void aWebhookWithoutSecretStopsTheStartWithAClearMessage() {
        runner.withPropertyValues(KEYS + "mode=webhook", KEYS + "url=https://kms.example/hooks/revoke")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCauseMessage(context.getStartupFailure())).isEqualTo(KEYS + "secret is required when "
                            + KEYS + "mode is webhook (set it from an environment variable, e.g. "
                            + "INCIDENT_LEDGER_KEY_MANAGEMENT_WEBHOOK_SECRET)");
                });
    }

    @Test
    void aWebhookWithAnEmptySecretFromAnUnsetVariableStopsTheStart() {
        runner.withPropertyValues("incident-ledger.containment.effectors.withdrawal-control.mode=webhook",
                        "incident-ledger.containment.effectors.withdrawal-control.url=https://custody.example/freeze",
                        "incident-ledger.containment.effectors.withdrawal-control.secret=")
                .run(context -> assertThat(rootCauseMessage(context.getStartupFailure()))
                        .startsWith("incident-ledger.containment.effectors.withdrawal-control.secret is required"));
    }

    @Test
    void aWebhookWithoutUrlStopsTheStart() {
        runner.withPropertyValues(KEYS + "mode=webhook", KEYS + "secret=" + SECRET)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCauseMessage(context.getStartupFailure()))
                            .isEqualTo(KEYS + "url is required when " + KEYS + "mode is webhook")
                            .doesNotContain(SECRET);
                });
    }

    @Test
    void aUrlThatIsNotHttpStopsTheStartWithoutShowingTheUrl() {
        runner.withPropertyValues(KEYS + "mode=webhook", KEYS + "secret=" + SECRET,
                        KEYS + "url=ftp://kms.example/hooks?token=abc123")
                .run(context -> assertThat(rootCauseMessage(context.getStartupFailure()))
                        .isEqualTo(KEYS + "url must be an absolute http or https URL with a host")
                        .doesNotContain("abc123"));
    }

    @Test
    void aRetryPolicyThatMakesNoSenseStopsTheStart() {
        runner.withPropertyValues("incident-ledger.containment.effectors.contract-pausing.retry.multiplier=0.5")
                .run(context -> assertThat(rootCauseMessage(context.getStartupFailure()))
                        .startsWith("incident-ledger.containment.effectors.contract-pausing.retry: multiplier"));
    }

    @Test
    void anAnswerGraceThatIsNotPositiveStopsTheStart() {
        runner.withPropertyValues("incident-ledger.containment.effectors.answer-grace=0s")
                .run(context -> assertThat(rootCauseMessage(context.getStartupFailure()))
                        .isEqualTo("incident-ledger.containment.effectors.answer-grace must be positive, was PT0S"));
    }

    @Test
    void theSecretIsNeitherInToStringNorInTheStartUpLog(CapturedOutput output) {
        runner.withPropertyValues(KEYS + "mode=webhook", KEYS + "secret=" + SECRET,
                        KEYS + "url=https://kms.example:8443/hooks/revoke?token=abc123")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EffectorProperties properties = context.getBean(EffectorProperties.class);
                    assertThat(properties.keyManagement().secret()).isEqualTo(SECRET);

                    assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain("abc123")
                            .contains("mode=WEBHOOK, url=https://kms.example:8443, secret=(set)");
                    assertThat(context.getBean(Effectors.class).adapterFor(EffectorAction.REVOKE_KEY))
                            .isEqualTo("webhook");
                });

        assertThat(output).contains("Containment port key-management: signed webhook to https://kms.example:8443")
                .doesNotContain(SECRET).doesNotContain("abc123");
    }

    @Test
    void eachPortHasItsOwnModeAndRetries() {
        runner.withPropertyValues("incident-ledger.containment.effectors.network-isolation.mode=webhook",
                        "incident-ledger.containment.effectors.network-isolation.url=https://fw.example/isolate",
                        "incident-ledger.containment.effectors.network-isolation.secret=" + SECRET,
                        "incident-ledger.containment.effectors.contract-pausing.mode=dry-run",
                        "incident-ledger.containment.effectors.contract-pausing.retry.max-attempts=3",
                        "incident-ledger.containment.effectors.contract-pausing.retry.max-backoff=30s")
                .run(context -> {
                    Effectors effectors = context.getBean(Effectors.class);
                    assertThat(effectors.adapterFor(EffectorAction.ISOLATE_NODE)).isEqualTo("webhook");
                    assertThat(effectors.adapterFor(EffectorAction.RESTORE_NODE)).isEqualTo("webhook");
                    assertThat(effectors.adapterFor(EffectorAction.REVOKE_KEY)).isEqualTo("dry-run");
                    assertThat(effectors.retryPolicyFor(EffectorAction.PAUSE_CONTRACT)).isEqualTo(
                            new RetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(30)));
                    assertThat(effectors.retryPolicyFor(EffectorAction.ISOLATE_NODE)).isEqualTo(RetryPolicy.DEFAULT);
                });
    }

    @Test
    void aConfiguredWebhookReachesTheReceiverSignedWithTheConfiguredSecret() throws IOException {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 200, "{\"reference\":\"KMS-77\"}"))) {
            runner.withPropertyValues(KEYS + "mode=webhook", KEYS + "secret=" + SECRET,
                            KEYS + "url=" + receiver.url("/kms/revoke"), KEYS + "timeout=2s")
                    .run(context -> {
                        EffectorResult result = context.getBean(Effectors.class).perform(new EffectorRequest("INC-9",
                                "INC-9:revoke:1", EffectorAction.REVOKE_KEY,
                                new AffectedAsset(AssetType.SIGNING_KEY, "signer-1", "ethereum"), "test", 1, "alice"));

                        assertThat(result).isEqualTo(new EffectorResult.Executed("webhook", "KMS-77"));
                    });

            assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> {
                assertThat(delivery.signatureValid()).isTrue();
                assertThat(delivery.idempotencyKey()).isEqualTo("INC-9:revoke:1");
                assertThat(delivery.path()).isEqualTo("/kms/revoke");
            });
        }
    }

    private static String rootCauseMessage(Throwable failure) {
        assertThat(failure).isNotNull();
        return NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
    }
}
