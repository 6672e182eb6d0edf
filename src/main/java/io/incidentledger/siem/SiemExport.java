package io.incidentledger.siem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.incidentledger.common.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One export of incident events to a SIEM: a cursor over the Merkle log's leaves, in leaf order (docs/siem.md).
 *
 * <p>A pass locks the export's row of {@code siem_cursor} ({@code FOR UPDATE}, so one node exports at a time in a
 * cluster), reads the next leaves with their events, sends the incident events among them to the sink, waits until the
 * sink has taken them all, and only then moves the cursor past those leaves, in the same transaction. A pass that
 * fails (receiver away, no acknowledgement in time, node stopped) moves nothing: the next pass sends the same events
 * again, after a backoff that doubles up to {@code max-backoff}. So every incident event is sent at least once, in
 * leaf order, which within an incident is sequence order; a repeat carries the same leaf index as the first sending.
 */
class SiemExport extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(SiemExport.class);

    private final SiemSink sink;
    private final LedgerEntries entries;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SiemProperties.Pacing pacing;
    private final Clock clock;
    private Instant retryAt = Instant.MIN;
    private Duration backoff;
    private int failures;

    SiemExport(SiemSink sink, LedgerEntries entries, JdbcTemplate jdbc, TransactionTemplate transactions,
               SiemProperties.Pacing pacing, Duration passWait, Clock clock) {
        super("siem-" + sink.name(), WRITERS_PHASE, pacing.pollInterval(), Duration.ZERO, passWait);
        this.sink = sink;
        this.entries = entries;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    protected boolean runPass() {
        if (clock.instant().isBefore(retryAt)) {
            return false;
        }
        try {
            Integer leaves = transactions.execute(status -> exportNextLeaves());
            if (failures > 0) {
                log.info("SIEM export {}: the receiver takes events again after {} failed attempts", sink.name(),
                        failures);
                failures = 0;
            }
            return leaves != null && leaves >= pacing.batchSize();
        } catch (RuntimeException failure) {
            failures++;
            backoff = failures == 1 ? pacing.initialBackoff() : min(backoff.multipliedBy(2), pacing.maxBackoff());
            retryAt = clock.instant().plus(backoff);
            if (failures == 1) {
                log.warn("SIEM export {}: sending failed; the same events are sent again in {} ms, and later with a"
                        + " longer wait until the receiver takes them", sink.name(), backoff.toMillis(), failure);
            } else {
                log.debug("SIEM export {}: attempt {} failed: {}", sink.name(), failures, failure.toString());
            }
            return false;
        }
    }

    /** One batch, in the transaction that holds the cursor: returns the number of leaves the cursor moved over. */
    private int exportNextLeaves() {
        long next = jdbc.queryForObject("SELECT next_leaf FROM siem_cursor WHERE sink = ? FOR UPDATE", Long.class,
                sink.name());
        List<LedgerEntry> batch = entries.from(next, pacing.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<LedgerEntry> incidentEvents = batch.stream().filter(LedgerEntry::isIncidentEvent).toList();
        if (!incidentEvents.isEmpty()) {
            sink.publish(incidentEvents);
        }
        jdbc.update("UPDATE siem_cursor SET next_leaf = ? WHERE sink = ?", next + batch.size(), sink.name());
        return batch.size();
    }

    @Override
    protected void afterStop(boolean passEnded) {
        sink.close();
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }
}
