package io.incidentledger.operations;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures of the database itself (a lost connection, a restart, a deadlock, a serialization conflict) from
 * failures of handling one event. The first kind says nothing about the event: retried without end, it passes when
 * the database is back; parking the events it hit would park everything that arrived during a blip.
 */
final class TransientFailures {

    /**
     * SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization failure, deadlock), 53
     * insufficient resources, 57 operator intervention (admin shutdown, crash shutdown, cannot connect now), 58
     * system error (I/O).
     */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** H2: connection broken, database closed. */
    private static final Set<String> TRANSIENT_H2_STATES = Set.of("90067", "90098");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        return state != null && (TRANSIENT_H2_STATES.contains(state)
                || state.length() >= 2 && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2)));
    }
}
