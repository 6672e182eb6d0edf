package io.incidentledger.ledger.log;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL: a hole is settled once the oldest running transaction is younger than every transaction that was
 * running when the hole was watched ({@code pg_snapshot_xmin} has passed the {@code pg_snapshot_xmax} recorded
 * then). Needs PostgreSQL 13 or newer.
 */
final class PostgresGapWatch implements GapWatch {

    private final Set<Long> seenOnce = new HashSet<>();
    private final Map<Long, Long> horizon = new HashMap<>();

    @Override
    public Set<Long> settled(JdbcTemplate jdbc, Collection<Long> openGaps) {
        seenOnce.retainAll(openGaps);
        horizon.keySet().retainAll(openGaps);
        if (openGaps.isEmpty()) {
            return Set.of();
        }
        long[] snapshot = jdbc.queryForObject("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
                        + "pg_snapshot_xmax(pg_current_snapshot())::text::bigint",
                (row, index) -> new long[] {row.getLong(1), row.getLong(2)});
        long oldestRunning = snapshot[0];
        long nextTransaction = snapshot[1];
        Set<Long> settled = new HashSet<>();
        for (Long gap : openGaps) {
            Long watchedUntil = horizon.get(gap);
            if (watchedUntil != null) {
                if (oldestRunning >= watchedUntil) {
                    settled.add(gap);
                }
            } else if (seenOnce.remove(gap)) {
                horizon.put(gap, nextTransaction);
            } else {
                seenOnce.add(gap);
            }
        }
        return settled;
    }
}
