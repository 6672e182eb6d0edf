package io.incidentledger.ledger.log;

import java.util.Collection;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells when a hole in the store's global index can no longer be filled. A hole appears when a transaction took an
 * index but has not committed (or rolled back): the log must not step over it while that transaction may still
 * commit, or the event would never be admitted, a silent hole in the proof system.
 *
 * <p>A hole is settled once every transaction that could hold it has ended. Implementations see a hole twice
 * before they start watching it, so that its holder has certainly begun writing by then.
 */
public interface GapWatch {

    /**
     * Which of the open holes are settled. Called inside the admitter's transaction and before it scans for new
     * events, so that a holder that committed before this call is found by the scan.
     */
    Set<Long> settled(JdbcTemplate jdbc, Collection<Long> openGaps);
}
