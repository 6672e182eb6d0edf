package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.incidentledger.ledger.LedgerProperties;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admitter and the holes in the store's global index, on the real migrations (H2): events are written with the
 * global index a writer took, in the order their transactions commit, which need not be the order of the indexes.
 */
class LogAdmitterHolesTest {

    private static final String ORIGIN = "ledger.example.com/holes";

    @TempDir
    Path directory;

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    /** What the database says: the holes no running transaction can fill any more. */
    private final Set<Long> noWriterHolds = new HashSet<>();

    @BeforeEach
    void migrate() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:admitter-holes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void anEventThatCommitsAfterLaterOnesIsAdmittedWhenItArrivesAndTheLowWaterMarkWaitsForIt() {
        LogAdmitter admitter = admitter(Duration.ofHours(1));
        commit(1, 2, 4, 5);

        admitter.admit();
        admitter.admit();

        assertThat(leaves()).containsExactly(1L, 2L, 4L, 5L);
        assertThat(lowWater()).isEqualTo(2);

        commit(3);
        admitter.admit();

        assertThat(leaves()).containsExactly(1L, 2L, 4L, 5L, 3L);
        assertThat(lowWater()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_admitter_gap", Long.class)).isZero();
    }

    @Test
    void aHoleTheDatabaseSaysNobodyHoldsIsStillWatchedForTheGracePeriod() {
        // a writer has taken index 3 but not yet written its row: the database cannot tell that it holds the hole
        LogAdmitter admitter = admitter(Duration.ofHours(1));
        commit(1, 2, 4);
        admitter.admit();
        noWriterHolds.add(3L);
        for (int pass = 0; pass < 5; pass++) {
            admitter.admit();
        }
        assertThat(lowWater()).as("the low-water mark stays below a hole still in its grace period").isEqualTo(2);

        commit(3);
        admitter.admit();

        assertThat(leaves()).containsExactly(1L, 2L, 4L, 3L);
        assertThat(lowWater()).isEqualTo(4);
    }

    @Test
    void aHoleNobodyCanFillIsGivenUpAfterTheGracePeriodAndThePassesReadOnlyWhatIsNew() {
        LogAdmitter admitter = admitter(Duration.ZERO);
        commit(1, 2, 4);
        admitter.admit();
        noWriterHolds.add(3L);
        admitter.admit();

        assertThat(lowWater()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT scanned_to FROM ledger_admitter WHERE id = 1", Long.class))
                .isEqualTo(4);

        commit(5, 6);
        admitter.admit();
        assertThat(leaves()).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(lowWater()).isEqualTo(6);
    }

    @Test
    void theLogTheAdmitterBuildsIsTheLogOfItsLeavesInTheirOrder() {
        LogAdmitter admitter = admitter(Duration.ofHours(1));
        commit(2, 3);
        admitter.admit();
        commit(1, 5);
        admitter.admit();
        commit(4);
        admitter.catchUpAndCheckpoint();

        LedgerLog log = new LedgerLog(jdbc);
        assertThat(log.size()).isEqualTo(5);
        InMemoryNodeSource expected = new InMemoryNodeSource();
        jdbc.query("SELECT entry_hash FROM ledger_leaf ORDER BY leaf_index",
                (row, index) -> expected.append(row.getBytes(1)));
        assertThat(log.root(5)).isEqualTo(new MerkleTree(expected).root(5));
    }

    private LogAdmitter admitter(Duration holeGrace) {
        NoteSigner key = LedgerKeys.generate(ORIGIN, new SecureRandom());
        LedgerKeyring keyring = new LedgerKeyring(ORIGIN, directory.resolve("ledger.key"), key, List.of(), null);
        LedgerProperties properties = new LedgerProperties(ORIGIN, ORIGIN, directory.resolve("ledger.key"), false,
                null, null, null, directory.resolve("witness"), Duration.ofMillis(100), Duration.ZERO, 1000,
                holeGrace, Duration.ofSeconds(60), null);
        GapWatch gapWatch = (jdbc, openGaps) -> {
            Set<Long> settled = new HashSet<>(openGaps);
            settled.retainAll(noWriterHolds);
            return settled;
        };
        Clock clock = Clock.systemUTC();
        return new LogAdmitter(jdbc, transactions, gapWatch, new CheckpointSigner(keyring, jdbc, ORIGIN, clock),
                clock, properties);
    }

    private void commit(long... globalIndexes) {
        for (long globalIndex : globalIndexes) {
            byte[] hash = new byte[32];
            hash[0] = (byte) globalIndex;
            jdbc.update("""
                            INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                                sequence_number, type, time_stamp, payload_type, payload, prev_hash, entry_hash)
                            VALUES (?, ?, ?, 0, 'Incident', '2026-12-07T08:00:00Z', 'test', X'00', ?, ?)""",
                    globalIndex, UUID.randomUUID().toString(), "aggregate-" + globalIndex, new byte[32], hash);
        }
    }

    private List<Long> leaves() {
        return jdbc.queryForList("SELECT global_index FROM ledger_leaf ORDER BY leaf_index", Long.class);
    }

    private long lowWater() {
        return jdbc.queryForObject("SELECT low_water FROM ledger_admitter WHERE id = 1", Long.class);
    }
}
