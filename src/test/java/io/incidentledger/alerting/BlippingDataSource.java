package io.incidentledger.alerting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A database that goes away for a moment: while {@link #down()}, every connection handed out is a real one that has
 * been broken by {@code breaker} before use (closed, or its server process terminated), so the next statement fails
 * the way the driver really fails. {@link #up()} brings the database back.
 */
final class BlippingDataSource extends DelegatingDataSource {

    /** Breaks a fresh connection the way a blip of the database would. */
    interface Breaker {
        void breakConnection(Connection connection) throws SQLException;
    }

    private final AtomicBoolean down = new AtomicBoolean();
    private final Breaker breaker;

    BlippingDataSource(DataSource database, Breaker breaker) {
        super(database);
        this.breaker = breaker;
    }

    void down() {
        down.set(true);
    }

    void up() {
        down.set(false);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        if (down.get()) {
            breaker.breakConnection(connection);
        }
        return connection;
    }
}
