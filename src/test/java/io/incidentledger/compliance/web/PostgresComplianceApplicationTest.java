package io.incidentledger.compliance.web;

import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The compliance flows on PostgreSQL, on a fresh database named by {@code INCIDENT_LEDGER_TEST_PG_URL} (and
 * {@code _USER}, {@code _PASSWORD}) as for the other PostgreSQL tests: skipped without it, except under
 * {@code CI=true}, where the missing database fails the run. Every application on that database signs its
 * checkpoints with the one shared test key, or the other PostgreSQL tests' verification would find foreign signatures.
 */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.profiles.active=postgres,demo",
                // the demo profile and NIS2, whose month has a grace running to the end of a day
                "incident-ledger.compliance.organisation.regimes=DORA,GDPR,NYDFS,NIS2",
                "incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
                "incident-ledger.ledger.witness-file="
                        + "target/test-ledger/compliance-postgres/witness-${random.uuid}.checkpoint"
        })
class PostgresComplianceApplicationTest extends ComplianceApplicationFlows {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresServer database = PostgresServer.require();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }
}
