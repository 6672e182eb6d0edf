package io.incidentledger.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole-store pass reads the chains on a second connection ({@link SnapshotWorker}); it compares them with the log
 * read on the first, so both must see one moment of the store: a row committed after the pass began is seen by
 * neither, one committed before by both.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SnapshotWorkerTest {

    @Test
    @RequiresPostgres
    void on_postgresql_the_worker_reads_the_callers_snapshot_on_another_connection() {
        OwnPostgresDatabase database = OwnPostgresDatabase.create();
        try (HikariDataSource pool = pool(database.url(), database.user(), database.password())) {
            Seen seen = rowsSeenWhileAnotherCommits(pool);
            assertThat(seen.caller()).isEqualTo(1);
            assertThat(seen.worker()).isEqualTo(1);
            assertThat(seen.workerThread()).isNotEqualTo(seen.callerThread()).isEqualTo("verify-test-worker");
        } finally {
            database.drop();
        }
    }

    @Test
    void on_h2_the_work_runs_in_the_callers_transaction() {
        try (HikariDataSource pool = pool("jdbc:h2:mem:worker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "")) {
            Seen seen = rowsSeenWhileAnotherCommits(pool);
            assertThat(seen.caller()).isEqualTo(1);
            assertThat(seen.worker()).isEqualTo(1);
            assertThat(seen.workerThread()).isEqualTo(seen.callerThread());
        }
    }

    @Test
    @RequiresPostgres
    void a_failure_of_the_work_reaches_the_caller() {
        OwnPostgresDatabase database = OwnPostgresDatabase.create();
        try (HikariDataSource pool = pool(database.url(), database.user(), database.password())) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate snapshot = Snapshots.readOnly(new DataSourceTransactionManager(pool), pool);
            SnapshotWorker worker = new SnapshotWorker(jdbc, snapshot);
            assertThatThrownBy(() -> snapshot.execute(status -> {
                jdbc.queryForObject("SELECT 1", Integer.class);
                Future<Integer> work = worker.start("verify-test-worker",
                        () -> jdbc.queryForObject("SELECT count(*) FROM no_such_table", Integer.class));
                return SnapshotWorker.await(work);
            })).hasMessageContaining("no_such_table");
        } finally {
            database.drop();
        }
    }

    private record Seen(long caller, long worker, String callerThread, String workerThread) {
    }

    /** One row committed before the snapshot, one after its first read; what the caller and the worker count. */
    private static Seen rowsSeenWhileAnotherCommits(HikariDataSource pool) {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE TABLE events (global_index BIGINT PRIMARY KEY)");
        jdbc.update("INSERT INTO events VALUES (1)");
        TransactionTemplate snapshot = Snapshots.readOnly(new DataSourceTransactionManager(pool), pool);
        SnapshotWorker worker = new SnapshotWorker(jdbc, snapshot);
        return snapshot.execute(status -> {
            long caller = jdbc.queryForObject("SELECT count(*) FROM events", Long.class);
            // committed on another connection after the snapshot was taken
            try (var writer = pool.getConnection(); var insert = writer.createStatement()) {
                writer.setAutoCommit(true);
                insert.execute("INSERT INTO events VALUES (2)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            String[] workerThread = new String[1];
            Future<Long> work = worker.start("verify-test-worker", () -> {
                workerThread[0] = Thread.currentThread().getName();
                return jdbc.queryForObject("SELECT count(*) FROM events", Long.class);
            });
            long seenByWorker = SnapshotWorker.await(work);
            return new Seen(caller, seenByWorker, Thread.currentThread().getName(), workerThread[0]);
        });
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(3);
        return new HikariDataSource(config);
    }
}
