package io.incidentledger.ledger;

import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link LedgerVerificationUnderLoad} on PostgreSQL, in a database of its own ({@link OwnPostgresDatabase}) so that
 * the load neither meets nor leaves rows for the other PostgreSQL tests.
 */
@RequiresPostgres
@ExtendWith(OwnPostgresDatabase.Lifecycle.class) // before @SpringBootTest: see OwnPostgresDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.profiles.active=postgres,demo",
        "spring.datasource.hikari.maximum-pool-size=4",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/under-load/witness-${random.uuid}.checkpoint",
        LedgerVerificationUnderLoad.ADMIT_OFTEN,
        LedgerVerificationUnderLoad.VERIFY_ONLY_WHEN_ASKED
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresLedgerVerificationUnderLoadTest extends LedgerVerificationUnderLoad {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> OwnPostgresDatabase.current().url());
        registry.add("spring.datasource.username", () -> OwnPostgresDatabase.current().user());
        registry.add("spring.datasource.password", () -> OwnPostgresDatabase.current().password());
    }
}
