package io.incidentledger.alerting;

import java.util.UUID;

import javax.sql.DataSource;

import io.incidentledger.testing.PostgresServer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
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
     * {@code _PASSWORD}), migrated: an application of another test on that database never sees its rows. The test
     * class using it is {@link io.incidentledger.testing.RequiresPostgres}.
     */
    static JdbcTemplate postgresSchema(String schema) {
        return new JdbcTemplate(PostgresServer.require().migratedSchema(schema, "classpath:db/migration"));
    }

    static void dropPostgresSchema(JdbcTemplate jdbc, String schema) {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
