package io.incidentledger.ledger.log;

import javax.sql.DataSource;

import io.incidentledger.common.Databases;

/** Chooses how the admitter tells a settled hole in the global index, by database. */
public final class LogGapWatches {

    private LogGapWatches() {
    }

    public static GapWatch forDatabase(DataSource dataSource) {
        String product = Databases.productName(dataSource);
        if (Databases.isPostgres(product)) {
            return new PostgresGapWatch();
        }
        if ("H2".equalsIgnoreCase(product)) {
            return new H2GapWatch();
        }
        throw new IllegalStateException("the ledger supports PostgreSQL and H2, not " + product);
    }
}
