package io.incidentledger.ledger.log;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2 (the embedded default): a hole is settled once every other session that held uncommitted changes when the
 * hole was watched has been seen without them (or has gone).
 */
final class H2GapWatch implements GapWatch {

    private final Set<Long> seenOnce = new HashSet<>();
    private final Map<Long, Set<Integer>> pendingSessions = new HashMap<>();

    @Override
    public Set<Long> settled(JdbcTemplate jdbc, Collection<Long> openGaps) {
        seenOnce.retainAll(openGaps);
        pendingSessions.keySet().retainAll(openGaps);
        if (openGaps.isEmpty()) {
            return Set.of();
        }
        List<Integer> uncommitted = jdbc.queryForList("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS "
                + "WHERE CONTAINS_UNCOMMITTED AND SESSION_ID <> SESSION_ID()", Integer.class);
        Set<Long> settled = new HashSet<>();
        for (Long gap : openGaps) {
            Set<Integer> pending = pendingSessions.get(gap);
            if (pending != null) {
                pending.retainAll(uncommitted);
                if (pending.isEmpty()) {
                    settled.add(gap);
                }
            } else if (seenOnce.remove(gap)) {
                pendingSessions.put(gap, new HashSet<>(uncommitted));
            } else {
                seenOnce.add(gap);
            }
        }
        return settled;
    }
}
