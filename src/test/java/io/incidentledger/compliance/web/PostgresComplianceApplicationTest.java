package io.incidentledger.compliance.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The compliance flows on PostgreSQL, on a fresh database named by {@code INCIDENT_LEDGER_TEST_PG_URL} (and
 * {@code _USER}, {@code _PASSWORD}) as for the other PostgreSQL tests: skipped without it, except under
 * {@code CI=true}, where the missing database fails the run. Every application on that database signs its
 * checkpoints with the one shared test key, or the other PostgreSQL tests' verification would find foreign signatures.
 */
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

    private static final String URL = "INCIDENT_LEDGER_TEST_PG_URL";

    @BeforeAll
    static void requirePostgres() {
        url();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = url();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> env("INCIDENT_LEDGER_TEST_PG_USER", "postgres"));
        registry.add("spring.datasource.password", () -> env("INCIDENT_LEDGER_TEST_PG_PASSWORD", ""));
    }

    private static String url() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + URL + " is not set: the PostgreSQL tests must run in CI");
            }
            assumeTrue(false, "PostgreSQL tests skipped: set " + URL + " to run them");
        }
        return url;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
