package io.incidentledger.common;

import java.util.Map;

import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The views' column widths on PostgreSQL, in a schema of the test's own, with the PostgreSQL-only scripts too. */
@RequiresPostgres
class PostgresViewColumnsTest extends ViewColumnsContract {

    @Override
    Map<String, Integer> boundedColumns() {
        PostgresServer server = PostgresServer.require();
        String schema = "view_columns_" + Long.toHexString(System.nanoTime());
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.url());
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try {
            return read(jdbc, schema);
        } finally {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
