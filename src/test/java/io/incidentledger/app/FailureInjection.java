package io.incidentledger.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the database refuse some inserts of the running application, through a trigger: on H2 a Java trigger
 * ({@link InjectedFailureTrigger}), on PostgreSQL a PL/pgSQL one counting on a sequence, which a rollback does not
 * undo. Rows are refused when {@code column} contains {@code marker}; {@code times} of them, or all with
 * {@link #ALWAYS}.
 */
abstract class FailureInjection {

    static final int ALWAYS = -1;
    /** Not a failure of the database: the handler's own fault, as a value that does not fit would be. */
    static final String HANDLER_FAILURE = "P0001";
    /** The connection broke: a blip of the database. */
    static final String CONNECTION_FAILURE = "08006";

    final JdbcTemplate jdbc;
    private final List<String[]> installed = new ArrayList<>();
    private int next;

    FailureInjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static FailureInjection h2(JdbcTemplate jdbc) {
        return new FailureInjection(jdbc) {
            @Override
            void install(String name, String table, String column, String marker, int times, String sqlState) {
                InjectedFailureTrigger.RULES.put(name, new InjectedFailureTrigger.Rule(column, marker,
                        new AtomicInteger(times), sqlState));
                jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table
                        + " FOR EACH ROW CALL '" + InjectedFailureTrigger.class.getName() + "'");
            }

            @Override
            void remove(String name, String table) {
                jdbc.execute("DROP TRIGGER IF EXISTS " + name);
                InjectedFailureTrigger.RULES.remove(name);
            }

            @Override
            int failed(String name, int times) {
                return times - InjectedFailureTrigger.RULES.get(name).remaining().get();
            }
        };
    }

    static FailureInjection postgres(JdbcTemplate jdbc) {
        return new FailureInjection(jdbc) {
            @Override
            void install(String name, String table, String column, String marker, int times, String sqlState) {
                jdbc.execute("CREATE SEQUENCE " + name + "_count");
                String limit = times == ALWAYS ? "TRUE" : "nextval('" + name + "_count') <= " + times;
                // nested, not AND: SQL does not promise to skip nextval when the first condition is false
                jdbc.execute("CREATE FUNCTION " + name + "_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF strpos(NEW." + column + "::text, '" + marker + "') > 0 THEN IF " + limit + " THEN "
                        + "RAISE EXCEPTION 'injected failure for the test' USING ERRCODE = '" + sqlState + "'; "
                        + "END IF; END IF; RETURN NEW; END $$");
                jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION " + name + "_fn()");
            }

            @Override
            void remove(String name, String table) {
                jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
                jdbc.execute("DROP FUNCTION IF EXISTS " + name + "_fn()");
                jdbc.execute("DROP SEQUENCE IF EXISTS " + name + "_count");
            }

            @Override
            int failed(String name, int times) {
                Long counted = jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "
                        + name + "_count", Long.class);
                return (int) Math.min(counted == null ? 0 : counted, times);
            }
        };
    }

    abstract void install(String name, String table, String column, String marker, int times, String sqlState);

    abstract void remove(String name, String table);

    /** How many inserts the rule has refused so far, of the {@code times} it was to refuse. */
    abstract int failed(String name, int times);

    /**
     * Refuses the next {@code times} inserts into {@code table} whose {@code column} contains {@code marker}; returns
     * how many of them it has refused so far, for the test to check that the failure it meant did happen.
     */
    synchronized IntSupplier refuse(String table, String column, String marker, int times, String sqlState) {
        String name = "injected_failure_" + next++;
        install(name, table, column, marker, times, sqlState);
        installed.add(new String[] {name, table});
        return () -> failed(name, times);
    }

    /** The fix: every injected failure is gone. */
    synchronized void removeAll() {
        installed.forEach(trigger -> remove(trigger[0], trigger[1]));
        installed.clear();
    }
}
