package io.incidentledger.app;

import io.incidentledger.testing.FortaScanNodes;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same flows on PostgreSQL, with the {@code postgres} profile's settings and migrations. The server comes from
 * {@code INCIDENT_LEDGER_TEST_PG_URL} (and {@code _USER}, {@code _PASSWORD}), which {@code .ci/run} sets after creating
 * a fresh database; see {@link PostgresServer}.
 */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.profiles.active=postgres,demo",
                "incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
                "incident-ledger.ledger.witness-file=target/test-ledger/postgres/witness-${random.uuid}.checkpoint",
                "incident-ledger.detection.forta.scan-nodes[0].name=scan-node-1",
                "incident-ledger.detection.forta.scan-nodes[0].address=" + FortaScanNodes.ADDRESS
        })
class PostgresApplicationTest extends IncidentApplicationFlows {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresServer database = PostgresServer.require();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }
}
