package io.incidentledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Incident Ledger: tamper-evident, event-sourced security incident handling. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IncidentLedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker would report to its vendor over the network: a security product makes no such call.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(IncidentLedgerApplication.class, args);
    }
}
