package io.incidentledger.alerting;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A fresh in-memory H2 database with the application's migrations, for tests below the full application. */
final class AlertingDatabase {

    private AlertingDatabase() {
    }

    static JdbcTemplate migrated() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:alerting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return migrated(dataSource);
    }

    static JdbcTemplate migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /**
     * A fresh schema of its own on the PostgreSQL server of {@code INCIDENT_LEDGER_TEST_PG_URL} (with {@code _USER},
     * {@code _PASSWORD}), migrated: an application of another test on that database never sees its rows. Without a
     * URL the test is skipped, except under {@code CI=true}, where the PostgreSQL tests must run.
     */
    static JdbcTemplate postgresSchema(String schema) {
        String url = System.getenv("INCIDENT_LEDGER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but INCIDENT_LEDGER_TEST_PG_URL is not set: the PostgreSQL tests must run in CI");
            }
            assumeTrue(false, "PostgreSQL tests skipped: set INCIDENT_LEDGER_TEST_PG_URL to run them");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(env("INCIDENT_LEDGER_TEST_PG_USER", "postgres"));
        dataSource.setPassword(env("INCIDENT_LEDGER_TEST_PG_PASSWORD", ""));
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    static void dropPostgresSchema(JdbcTemplate jdbc, String schema) {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** A clock the test moves by hand, so backoffs pass without waiting. */
    static final class ManualClock extends Clock {

        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
