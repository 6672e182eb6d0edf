package io.incidentledger.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;

/**
 * {@link LedgerWitnessIdentity} on PostgreSQL: each database a test needs is created for it on the configured server
 * ({@link OwnPostgresDatabase}) and dropped afterwards. Damage is done as the superuser with the append-only
 * triggers off for that connection.
 */
@RequiresPostgres
class PostgresLedgerWitnessIdentityTest extends LedgerWitnessIdentity {

    private final List<OwnPostgresDatabase> databases = new ArrayList<>();

    @Override
    String newDatabase() throws SQLException {
        OwnPostgresDatabase database = OwnPostgresDatabase.create();
        databases.add(database);
        return database.url();
    }

    @Override
    List<String> databaseArguments(String url) {
        OwnPostgresDatabase database = byUrl(url);
        return List.of("--spring.profiles.active=postgres,demo", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password());
    }

    @Override
    Connection damageConnection(String url) throws SQLException {
        OwnPostgresDatabase database = byUrl(url);
        Connection connection = DriverManager.getConnection(url, database.user(), database.password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
        }
        return connection;
    }

    @Override
    void dropDatabases() throws SQLException {
        for (OwnPostgresDatabase database : databases) {
            database.drop();
        }
        databases.clear();
    }

    private OwnPostgresDatabase byUrl(String url) {
        return databases.stream().filter(database -> database.url().equals(url)).findFirst().orElseThrow();
    }
}
