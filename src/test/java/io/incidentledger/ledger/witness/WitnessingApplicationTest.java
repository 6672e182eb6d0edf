package io.incidentledger.ledger.witness;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link WitnessingFlows} on the embedded H2 database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:witnessing;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo"
})
class WitnessingApplicationTest extends WitnessingFlows {

    private static final Witnesses WITNESSES = new Witnesses("h2");

    @DynamicPropertySource
    static void witnesses(DynamicPropertyRegistry registry) {
        WITNESSES.register(registry);
    }

    @AfterAll
    static void stopWitnesses() {
        WITNESSES.close();
    }

    @Override
    Witnesses witnesses() {
        return WITNESSES;
    }
}
