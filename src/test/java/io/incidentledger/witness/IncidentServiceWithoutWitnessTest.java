package io.incidentledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.incidentledger.IncidentLedgerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The incident service scans all of {@code io.incidentledger} but leaves the witness out: the witness is a separate
 * application in the same jar, and none of its beans (its security, its database, its endpoints) may start inside
 * the service.
 */
@SpringBootTest(classes = IncidentLedgerApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:without-witness;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/without-witness/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/without-witness/witness-${random.uuid}.checkpoint"
})
class IncidentServiceWithoutWitnessTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noWitnessBeanIsPartOfTheIncidentService() {
        assertThat(Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(type -> type != null && type.getName().startsWith("io.incidentledger.witness.")))
                .isEmpty();
        assertThat(Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(type -> type != null && type.getName().startsWith("io.incidentledger.incident.")))
                .as("the rest of io.incidentledger is still scanned").isNotEmpty();
    }
}
