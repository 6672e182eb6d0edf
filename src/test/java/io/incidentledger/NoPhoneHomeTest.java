package io.incidentledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.axonframework.updates.configuration.CommandLineUsagePropertyProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The service makes no outbound call it was not configured to make: Axon's update checker stays off. */
class NoPhoneHomeTest {

    @Test
    void startingTheApplicationSwitchesAxonsUpdateCheckerOff() {
        String before = System.clearProperty("axoniq.update-checker.disabled");
        try {
            IncidentLedgerApplication.disableVendorReporting();

            assertThat(new CommandLineUsagePropertyProvider().getDisabled()).isTrue();
        } finally {
            if (before != null) {
                System.setProperty("axoniq.update-checker.disabled", before);
            }
        }
    }

    @Test
    void theSpringConfigurationLeavesAxonsUpdateCheckerOutAndAxonServerOff() throws IOException {
        List<PropertySource<?>> application = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"));

        assertThat(application.get(0).getProperty("spring.autoconfigure.exclude"))
                .isEqualTo(UpdateCheckerAutoConfiguration.class.getName());
        assertThat(application.get(0).getProperty("axon.update-check.disabled")).isEqualTo(true);
        assertThat(application.get(0).getProperty("axon.axonserver.enabled")).isEqualTo(false);
    }
}
