package io.incidentledger.ledger.witness;

import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link WitnessingFlows} on PostgreSQL, on a database of its own: its log has its own key, which the database the
 * other PostgreSQL test classes share must not see.
 */
@RequiresPostgres
@ExtendWith(OwnPostgresDatabase.Lifecycle.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.profiles.active=postgres,demo")
class PostgresWitnessingApplicationTest extends WitnessingFlows {

    private static final Witnesses WITNESSES = new Witnesses("postgres");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> OwnPostgresDatabase.current().url());
        registry.add("spring.datasource.username", () -> OwnPostgresDatabase.current().user());
        registry.add("spring.datasource.password", () -> OwnPostgresDatabase.current().password());
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
