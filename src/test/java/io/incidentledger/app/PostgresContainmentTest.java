package io.incidentledger.app;

import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Containment end to end on PostgreSQL (see {@link PostgresServer}). */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres,demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/postgres/witness-${random.uuid}.checkpoint"
})
class PostgresContainmentTest extends ContainmentApplicationFlows {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresServer database = PostgresServer.require();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        effectorProperties(registry);
    }
}
