package io.incidentledger.common;

import java.util.Map;

import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

/** The views' column widths on PostgreSQL, in a schema of the test's own, with the PostgreSQL-only scripts too. */
@RequiresPostgres
class PostgresViewColumnsTest extends ViewColumnsContract {

    @Override
    Map<String, Integer> boundedColumns() {
        String schema = "view_columns_" + Long.toHexString(System.nanoTime());
        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.require().migratedSchema(schema, "classpath:db/migration",
                "classpath:db/vendor/postgresql"));
        try {
            return read(jdbc, schema);
        } finally {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
