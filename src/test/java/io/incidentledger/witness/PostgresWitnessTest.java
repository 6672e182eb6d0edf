package io.incidentledger.witness;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;

/**
 * The witness flows on PostgreSQL, in a database of their own, created for the class and dropped after it: the same
 * migration and SQL as on H2, and the row lock of add-checkpoint under concurrent requests.
 */
@RequiresPostgres
class PostgresWitnessTest extends WitnessFlows {

    private final String name = "il_witness_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    private PostgresServer server;

    @Override
    List<String> database() {
        server = PostgresServer.require();
        PostgresServer own = server.createDatabase(name);
        return List.of(own.url(), own.user(), own.password());
    }

    @Override
    void dropDatabase() {
        if (server != null) {
            server.dropDatabase(name);
        }
    }
}
