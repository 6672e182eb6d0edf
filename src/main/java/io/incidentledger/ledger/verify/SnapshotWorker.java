package io.incidentledger.ledger.verify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.incidentledger.common.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work on a second connection that reads exactly the snapshot of the calling transaction, so that a whole-store pass
 * can read the hash chains and the Merkle log at the same time and still compare one moment of the store.
 *
 * <p>On PostgreSQL the calling transaction exports its snapshot ({@code pg_export_snapshot()}) and the worker's
 * read-only REPEATABLE READ transaction imports it as its first statement ({@code SET TRANSACTION SNAPSHOT}); the
 * export stays valid while the calling transaction is open, and the caller waits for the worker before it ends. H2
 * cannot share a snapshot between connections, so there the work runs on the calling thread, in its transaction.
 */
final class SnapshotWorker {

    /** What {@code pg_export_snapshot()} returns, e.g. {@code 00000003-0000001B-1}: checked before it is quoted. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+(-[0-9A-F]+)+");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final boolean shareable;

    SnapshotWorker(JdbcTemplate jdbc, TransactionTemplate snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.shareable = Databases.isPostgres(jdbc.getDataSource());
    }

    /**
     * Starts {@code work} on another thread in a transaction that sees the snapshot of the caller's transaction, or
     * runs it here when the database cannot share one. Must be called inside a snapshot transaction (see
     * {@link Snapshots}) that has already read something, and the result must be awaited with {@link #await} before
     * that transaction ends.
     */
    <T> Future<T> start(String name, Supplier<T> work) {
        if (!shareable) {
            return CompletableFuture.completedFuture(work.get());
        }
        String id = jdbc.queryForObject("SELECT pg_export_snapshot()", String.class);
        if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
            throw new IllegalStateException("PostgreSQL exported a snapshot id of an unexpected form: " + id);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(snapshot.execute(status -> {
                    jdbc.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
                    return work.get();
                }));
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        }, name);
        worker.setDaemon(true);
        worker.start();
        return result;
    }

    /** Waits until the worker has finished, whatever its outcome: when the caller has failed itself. */
    static void waitOut(Future<?> work) {
        try {
            await(work);
        } catch (RuntimeException | Error ignored) {
            // the caller's own failure is the one it reports
        }
    }

    /** The worker's result, once it has finished; its failure is thrown here. */
    static <T> T await(Future<T> work) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return work.get();
                } catch (InterruptedException e) {
                    // the caller's transaction must outlive the worker's import of its snapshot: wait on
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
