package io.incidentledger.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link LedgerWitnessIdentity} on the embedded default database (H2, in memory for the test). */
class H2LedgerWitnessIdentityTest extends LedgerWitnessIdentity {

    private final List<String> databases = new ArrayList<>();

    @Override
    String newDatabase() {
        String url = "jdbc:h2:mem:identity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        databases.add(url);
        return url;
    }

    @Override
    List<String> databaseArguments(String url) {
        return List.of("--spring.profiles.active=demo", "--spring.datasource.url=" + url,
                "--spring.datasource.username=sa", "--spring.datasource.password=");
    }

    @Override
    Connection damageConnection(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    void dropDatabases() throws SQLException {
        for (String url : databases) {
            try (Connection connection = damageConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
        databases.clear();
    }
}
