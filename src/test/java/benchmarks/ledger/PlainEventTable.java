package benchmarks.ledger;

import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Bench-only Flyway migration (registered as a bean by {@link PlainEngineConfiguration}): creates
 * {@code plain_event_entry}, the application's event table of {@code V1__axon_store.sql} without the chain columns
 * ({@code prev_hash}, {@code entry_hash}): same columns, types, keys and indexes otherwise.
 */
public class PlainEventTable implements JavaMigration {

    static final String TABLE = "plain_event_entry";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("900");
    }

    @Override
    public String getDescription() {
        return "bench plain event table";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(createLike(TABLE, false));
        }
    }

    /**
     * {@code CREATE TABLE <name> (LIKE domain_event_entry INCLUDING ALL)}: columns, identity, defaults, keys and
     * indexes (not the append-only triggers, which fire on UPDATE/DELETE/TRUNCATE only), and without the chain
     * columns unless {@code keepChainColumns}.
     */
    static String createLike(String table, boolean keepChainColumns) {
        return "CREATE TABLE " + table + " (LIKE domain_event_entry INCLUDING ALL);"
                + (keepChainColumns ? "" : " ALTER TABLE " + table + " DROP COLUMN prev_hash, DROP COLUMN entry_hash;");
    }
}
