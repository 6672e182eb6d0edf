package io.incidentledger.app;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.slf4j.LoggerFactory;

/**
 * Where the PostgreSQL tests run: {@code INCIDENT_LEDGER_TEST_PG_URL}, {@code INCIDENT_LEDGER_TEST_PG_USER} (default
 * {@code postgres}) and {@code INCIDENT_LEDGER_TEST_PG_PASSWORD} (default empty). Without a URL the tests are skipped
 * with a message, except under {@code CI=true}, where a skipped PostgreSQL test would hide a broken build: there the
 * missing database fails the run.
 */
record PostgresTestDatabase(String url, String user, String password) {

    static PostgresTestDatabase requireConfigured() {
        String url = System.getenv("INCIDENT_LEDGER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String message = "PostgreSQL tests skipped: set INCIDENT_LEDGER_TEST_PG_URL "
                    + "(e.g. jdbc:postgresql://127.0.0.1:5432/incident_ledger_test) to run them; .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but INCIDENT_LEDGER_TEST_PG_URL is not set: the PostgreSQL tests must run in CI");
            }
            LoggerFactory.getLogger(PostgresTestDatabase.class).warn(message);
            assumeTrue(false, message);
        }
        return new PostgresTestDatabase(url, env("INCIDENT_LEDGER_TEST_PG_USER", "postgres"),
                env("INCIDENT_LEDGER_TEST_PG_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
