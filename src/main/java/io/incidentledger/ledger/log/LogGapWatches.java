package io.incidentledger.ledger.log;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Chooses how the admitter tells a settled hole in the global index, by database. */
public final class LogGapWatches {

    private LogGapWatches() {
    }

    public static GapWatch forDatabase(DataSource dataSource) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the ledger runs on", e);
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return new PostgresGapWatch();
        }
        if ("H2".equalsIgnoreCase(product)) {
            return new H2GapWatch();
        }
        throw new IllegalStateException("the ledger supports PostgreSQL and H2, not " + product);
    }
}
