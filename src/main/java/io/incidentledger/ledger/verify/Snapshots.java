package io.incidentledger.ledger.verify;

import javax.sql.DataSource;

import io.incidentledger.common.Databases;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only transactions in which every statement sees the same committed state of every table: the state as of the
 * transaction's first statement. The verifier relies on it: it compares the events with the log, and a leaf admitted
 * after the events were read would name an event that seems to be missing.
 *
 * <p>The isolation level that gives this differs by database. PostgreSQL's REPEATABLE READ takes one snapshot of
 * the whole database at the first statement. H2's REPEATABLE READ does not: MVStore fixes each table's state when
 * the transaction first reads that table, so a table read later shows rows committed after the first read of
 * another. H2's SERIALIZABLE (like its SNAPSHOT) fixes the state of all tables at the first statement, and takes no
 * read locks, so it holds up no writer ({@code SnapshotIsolationTest} checks both databases).
 */
public final class Snapshots {

    private Snapshots() {
    }

    public static TransactionTemplate readOnly(PlatformTransactionManager transactionManager, DataSource dataSource) {
        TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(isolationFor(Databases.productName(dataSource)));
        return snapshot;
    }

    /** The isolation level that reads one snapshot of all tables on this database (by JDBC product name). */
    public static int isolationFor(String databaseProductName) {
        return Databases.isPostgres(databaseProductName) ? TransactionDefinition.ISOLATION_REPEATABLE_READ
                : TransactionDefinition.ISOLATION_SERIALIZABLE;
    }
}
