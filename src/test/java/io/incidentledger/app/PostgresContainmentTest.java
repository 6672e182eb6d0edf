package io.incidentledger.app;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Containment end to end on PostgreSQL (see {@link PostgresTestDatabase}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres,demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/postgres/witness-${random.uuid}.checkpoint"
})
class PostgresContainmentTest extends ContainmentApplicationFlows {

    @BeforeAll
    static void requirePostgres() {
        PostgresTestDatabase.requireConfigured();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresTestDatabase database = PostgresTestDatabase.requireConfigured();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        effectorProperties(registry);
    }
}
