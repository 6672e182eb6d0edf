package io.incidentledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Incident Ledger: tamper-evident, event-sourced security incident handling. */
@SpringBootApplication
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
