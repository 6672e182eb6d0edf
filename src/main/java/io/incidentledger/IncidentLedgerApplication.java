package io.incidentledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Incident Ledger: tamper-evident, event-sourced security incident handling.
 *
 * <p>The component scan is {@code @SpringBootApplication}'s, which this local one replaces, plus leaving out the
 * witness ({@code io.incidentledger.witness}), a separate application in the same jar (docs/witness.md). The
 * annotation itself stays: the build finds the jar's main class by it.
 */
@SpringBootApplication
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.incidentledger\\.witness\\..*")
})
@ConfigurationPropertiesScan
public class IncidentLedgerApplication {

    public static void main(String[] args) {
        disableVendorReporting();
        SpringApplication.run(IncidentLedgerApplication.class, args);
    }

    /**
     * Axon's update checker would report to its vendor over the network: a security product makes no such call.
     * The system property covers every way Axon may start it; {@code axon.update-check.disabled} in
     * {@code application.yml} covers the Spring Boot auto-configuration as well.
     */
    static void disableVendorReporting() {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }
}
