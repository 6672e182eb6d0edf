package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The configuration binds from the shapes {@code docs/alerting.md} shows, with its defaults. */
class AlertingPropertiesTest {

    @Test
    void theShippedDefaultsNameDemoRecipientsAndNoWebhook() throws IOException {
        Binder binder = new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml")).get(0)));

        AlertingProperties properties = binder.bind("incident-ledger.alerting", AlertingProperties.class).get();

        assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(properties.reportMinSeverity()).isEqualTo(Severity.HIGH);
        assertThat(properties.recipients()).extracting(AlertingProperties.Recipient::name)
                .containsExactly("responders", "commanders", "security-lead");
        assertThat(properties.recipients()).allSatisfy(recipient ->
                assertThat(recipient.mail()).endsWith("@example.com"));
        assertThat(properties.recipient("security-lead")).hasValueSatisfying(lead -> {
            assertThat(lead.tier()).isEqualTo(1);
            assertThat(lead.minSeverity()).isEqualTo(Severity.HIGH);
        });
        assertThat(properties.webhooks()).isEmpty();
        assertThat(properties.delivery().failureThreshold()).isEqualTo(3);
        assertThat(properties.delivery().maxBackoff()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRecipientWithAWebhookBindsWithTheDefaultsLeftOut() {
        AlertingProperties properties = bind(Map.of(
                "incident-ledger.alerting.recipients[0].name", "commanders",
                "incident-ledger.alerting.recipients[0].roles", "COMMANDER",
                "incident-ledger.alerting.recipients[0].webhook", "pager",
                "incident-ledger.alerting.webhooks.pager.url", "https://pager.example.com/hooks/x",
                "incident-ledger.alerting.webhooks.pager.secret", "shared-secret"));

        AlertingProperties.Recipient recipient = properties.recipients().get(0);
        assertThat(recipient.minSeverity()).isEqualTo(Severity.LOW);
        assertThat(recipient.tier()).isZero();
        assertThat(recipient.mail()).isNull();
        assertThat(properties.webhook("pager")).hasValueSatisfying(webhook ->
                assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(properties.delivery().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.delivery().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.delivery().claimTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.mail().from()).isEqualTo("incident-ledger@localhost");
        assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    void aRecipientNamingAnUndefinedWebhookStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of(
                "incident-ledger.alerting.recipients[0].name", "commanders",
                "incident-ledger.alerting.recipients[0].roles", "COMMANDER",
                "incident-ledger.alerting.recipients[0].webhook", "pagr")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("alerting recipient commanders names webhook pagr, which "
                        + "incident-ledger.alerting.webhooks does not define");
    }

    @Test
    void aWebhookThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> new AlertingProperties.Webhook(URI.create("file:///etc/passwd"), "secret", null))
                .hasMessageContaining("must be http or https");
        assertThat(new AlertingProperties.Webhook(URI.create("http://10.0.0.1/x"), "s", null).timeout())
                .isEqualTo(Duration.ofSeconds(5));
    }

    private static AlertingProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("incident-ledger.alerting", AlertingProperties.class);
    }
}
