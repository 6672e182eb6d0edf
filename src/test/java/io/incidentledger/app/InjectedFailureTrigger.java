package io.incidentledger.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.api.Trigger;

/**
 * An H2 trigger that refuses the rows whose {@code column} contains a marker, the first {@code times} times (or
 * always), with a chosen SQLSTATE: a handler of the application then fails the way it would on a real database
 * error. The rules live here, by trigger name, because H2 creates the trigger object itself.
 */
public final class InjectedFailureTrigger implements Trigger {

    record Rule(String column, String marker, AtomicInteger remaining, String sqlState) {
    }

    static final Map<String, Rule> RULES = new ConcurrentHashMap<>();

    private Rule rule;
    private int columnIndex = -1;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        rule = RULES.get(trigger.toLowerCase());
        if (rule == null) {
            throw new SQLException("no injected failure is defined for trigger " + trigger);
        }
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (columns.next()) {
                if (columns.getString("COLUMN_NAME").equalsIgnoreCase(rule.column())) {
                    columnIndex = columns.getInt("ORDINAL_POSITION") - 1;
                }
            }
        }
        if (columnIndex < 0) {
            throw new SQLException("table " + table + " has no column " + rule.column());
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        Object value = newRow[columnIndex];
        if (value != null && value.toString().contains(rule.marker())
                && rule.remaining().getAndUpdate(left -> left > 0 ? left - 1 : left) != 0) {
            throw new SQLException("injected failure for the test", rule.sqlState());
        }
    }
}
