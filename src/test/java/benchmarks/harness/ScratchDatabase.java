package benchmarks.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database for one benchmark run, created through the server's maintenance database and dropped
 * again by {@link #close()} (unless {@code bench.keep-db=true}). Connection settings: {@code bench.pg.host}
 * (127.0.0.1), {@code bench.pg.port} (5432), {@code bench.pg.user} (postgres), {@code bench.pg.password} (empty),
 * {@code bench.pg.admin-db} (postgres).
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String name;
    private final boolean keep;

    private ScratchDatabase(String prefix) {
        this.host = BenchmarkSettings.string("bench.pg.host", "127.0.0.1");
        this.port = BenchmarkSettings.integer("bench.pg.port", 5432);
        this.user = BenchmarkSettings.string("bench.pg.user", "postgres");
        this.password = BenchmarkSettings.string("bench.pg.password", "");
        this.adminDatabase = BenchmarkSettings.string("bench.pg.admin-db", "postgres");
        this.keep = BenchmarkSettings.bool("bench.keep-db", false);
        this.name = prefix + "_" + System.currentTimeMillis();
    }

    public static ScratchDatabase create(String prefix) throws SQLException {
        if (!prefix.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database prefix must be a plain lower-case identifier: " + prefix);
        }
        ScratchDatabase database = new ScratchDatabase(prefix);
        database.execute("CREATE DATABASE " + database.name);
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return url(name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** {@code server_version} of the server, e.g. {@code 15.20 (Debian 15.20-0+deb12u1)}. */
    public String serverVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (keep) {
            System.out.println("kept database " + name + " (bench.keep-db=true)");
            return;
        }
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(adminDatabase), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
