package benchmarks.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Does for a scratch database what PostgreSQL's autovacuum would, when the server has it switched off: runs
 * {@code VACUUM (ANALYZE)} every {@code bench.vacuum-interval-s} seconds (default 10; 0: never). Without it the
 * planner keeps the statistics of the empty tables the benchmark started with, and queries that join a growing
 * table (the ledger admitter's, for one) turn into sequential scans whose cost grows with every event stored: a
 * benchmark would then measure the server's configuration, not the application.
 */
public final class AutovacuumStandIn implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private final String autovacuum;
    private final int intervalSeconds;
    private final AtomicInteger passes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    private AutovacuumStandIn(ScratchDatabase database, String autovacuum, int intervalSeconds) {
        this.autovacuum = autovacuum;
        this.intervalSeconds = intervalSeconds;
        if (intervalSeconds <= 0 || !"off".equals(autovacuum)) {
            this.executor = null;
            return;
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-vacuum");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> vacuum(database), intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** Starts vacuuming {@code database} if the server's autovacuum is off. */
    public static AutovacuumStandIn start(ScratchDatabase database) throws SQLException {
        String autovacuum;
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW autovacuum")) {
            row.next();
            autovacuum = row.getString(1);
        }
        return new AutovacuumStandIn(database, autovacuum, BenchmarkSettings.integer("bench.vacuum-interval-s", 10));
    }

    private void vacuum(ScratchDatabase database) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
            passes.incrementAndGet();
        } catch (SQLException e) {
            failures.incrementAndGet();
        }
    }

    /** For the JSON: the server's setting and what stood in for it. */
    public Map<String, Object> describe() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("serverAutovacuum", autovacuum);
        facts.put("standInIntervalSeconds", executor == null ? 0 : intervalSeconds);
        facts.put("standInPasses", passes.get());
        facts.put("standInFailures", failures.get());
        return facts;
    }

    @Override
    public void close() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(60, TimeUnit.SECONDS);
        }
    }
}
