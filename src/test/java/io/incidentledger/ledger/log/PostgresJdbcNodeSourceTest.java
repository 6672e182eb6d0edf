package io.incidentledger.ledger.log;

import javax.sql.DataSource;

import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The stored tree's reads on PostgreSQL, in a schema of the test's own migrated like the service's. */
@RequiresPostgres
class PostgresJdbcNodeSourceTest extends JdbcNodeSourceContract {

    private final String schema = "node_source_" + Long.toHexString(System.nanoTime());
    private SingleConnectionDataSource dataSource;

    @Override
    DataSource emptyNodeTable() {
        PostgresServer server = PostgresServer.require();
        server.migratedSchema(schema, "classpath:db/migration", "classpath:db/vendor/postgresql");
        dataSource = new SingleConnectionDataSource(server.url(), server.user(), server.password(), true);
        new JdbcTemplate(dataSource).execute("SET search_path TO " + schema);
        return dataSource;
    }

    @AfterEach
    void dropTheSchema() {
        new JdbcTemplate(dataSource).execute("DROP SCHEMA " + schema + " CASCADE");
        dataSource.destroy();
    }
}
