package io.incidentledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the database's passing unavailability (503) and which are defects (500). */
class TransientFailuresTest {

    private static final String INSERT = "INSERT INTO domain_event_entry ... 'secret payload'";

    @Test
    void aSessionTheServerTerminatedIsTransientWhereverAxonWrappedIt() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command",
                "57P01");

        assertThat(TransientFailures.isTransient(new EventStoreException(INSERT, terminated))).isTrue();
    }

    @Test
    void aBrokenConnectionIsTransient() {
        assertThat(TransientFailures.isTransient(new SQLException("I/O error", "08006"))).isTrue();
    }

    @Test
    void aPoolWithoutAFreeConnectionIsTransient() {
        assertThat(TransientFailures.isTransient(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("pool timed out")))).isTrue();
    }

    @Test
    void anH2ConnectionThatBrokeOrADatabaseThatClosedIsTransient() {
        assertThat(TransientFailures.isTransient(new SQLException("Connection is broken", "90067"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("Database is already closed", "90098"))).isTrue();
    }

    @Test
    void aDeadlockOrASerializationConflictIsTransient() {
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void aUniqueViolationIsNoPassingUnavailability() {
        assertThat(TransientFailures.isTransient(new DuplicateKeyException(INSERT,
                new SQLException("duplicate key", "23505")))).isFalse();
    }

    @Test
    void aDefectIsNotTransient() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug", new NullPointerException())))
                .isFalse();
    }

    @Test
    void theLoggedReasonNamesTheDriversFailureButNotTheStatementItFailedOn() {
        SQLException terminated = new SQLException(INSERT + " was aborted", "57P01");

        String reason = TransientFailures.reason(new EventStoreException(INSERT, terminated));

        assertThat(reason).isEqualTo("java.sql.SQLException (SQLSTATE 57P01)").doesNotContain("secret");
    }
}
