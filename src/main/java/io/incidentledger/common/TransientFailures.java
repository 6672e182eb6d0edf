package io.incidentledger.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the database the service depends on (a connection terminated or refused, a pool with no free
 * connection, a server shutting down or restarting, a deadlock or serialization conflict) from a defect: the first is
 * worth retrying later and says nothing about the request or the event that met it, the second is not. The web layer
 * answers the first with 503 and {@code Retry-After}; the event processors retry it without end instead of parking the
 * event. Axon and Spring wrap what the driver threw in their own exceptions, so the whole chain of causes is looked at.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "90067", "90098");

    /** How long a client should wait before retrying a request the database could not serve, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "2";

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        return transientCause(failure) != null;
    }

    /**
     * What failed, for the log: the transient cause's type and SQLSTATE. Not its message, which for a failed insert
     * carries the statement with the event's payload.
     */
    public static String reason(Throwable failure) {
        Throwable cause = transientCause(failure);
        if (cause == null) {
            return failure.getClass().getName();
        }
        return cause.getClass().getName()
                + (cause instanceof SQLException sql && sql.getSQLState() != null ? " (SQLSTATE " + sql.getSQLState()
                + ")" : "");
    }

    private static Throwable transientCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable found = null;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isTransientItself(cause)) {
                // the deepest transient cause is the most telling: the driver's, not Spring's wrapper of it
                found = cause;
            }
        }
        return found;
    }

    private static boolean isTransientItself(Throwable failure) {
        if (failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException
                || failure instanceof RecoverableDataAccessException
                || failure instanceof CannotCreateTransactionException) {
            return true;
        }
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        return failure instanceof SQLException sql && isTransientState(sql.getSQLState());
    }

    /**
     * SQLSTATEs that mean "not now" rather than "never": class 08 connection exception, 53 insufficient resources (too
     * many connections), 57 operator intervention (the server terminated the session, is shutting down or cannot
     * connect now), 58 system error (I/O); the serialization failure and deadlock a retried transaction gets past;
     * and H2's broken connection and closed database.
     */
    private static boolean isTransientState(String state) {
        return state != null && (TRANSIENT_STATES.contains(state) || state.length() >= 2
                && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2)));
    }
}
