package io.incidentledger.common;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database the service runs on: PostgreSQL in production, H2 as the embedded default. */
public final class Databases {

    private Databases() {
    }

    /** The JDBC product name of the database behind the data source ({@code PostgreSQL}, {@code H2}). */
    public static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the service runs on", e);
        }
    }

    public static boolean isPostgres(DataSource dataSource) {
        return isPostgres(productName(dataSource));
    }

    public static boolean isPostgres(String productName) {
        return "PostgreSQL".equalsIgnoreCase(productName);
    }
}
