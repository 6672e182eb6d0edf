package io.incidentledger.detection.rules.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.RuleHit;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The baselines survive a restart: saved to the migrated schema (H2) by one node, read back by the next; and with
 * Kafka ingest they move with their partition from one node to another through the same table.
 */
class AnomalyBaselineStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private JdbcDataSource dataSource;
    private int counter;

    @BeforeEach
    void migrate() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:anomaly-baselines-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    private static TransactionRulesProperties properties(int maxSubjects) {
        return new TransactionRulesProperties(true, null, null, null, null, null, null,
                new TransactionRulesProperties.Anomaly(null, null, null, null, null, Duration.ofHours(1), 24, 24, 12,
                        maxSubjects, null, Duration.ofDays(1), null, null, null, null, null, List.of(
                        new TransactionRulesProperties.Anomaly.Asset("ethereum", "ETH", null, BigDecimal.TEN,
                                BigDecimal.TEN, null, null, null, null, null))));
    }

    private AnomalyBaselineStore store(TransactionRules rules, TransactionRulesProperties properties) {
        return store(rules, properties, false);
    }

    private AnomalyBaselineStore store(TransactionRules rules, TransactionRulesProperties properties,
                                       boolean partitioned) {
        return new AnomalyBaselineStore(rules, properties, new JdbcTemplate(dataSource),
                new DataSourceTransactionManager(dataSource), CLOCK, partitioned);
    }

    private void outflows(TransactionRules rules, String from, int hours) {
        outflows(rules, from, 0, hours);
    }

    /** Hourly outflows of 1 to 5 ETH from {@code from}, in the hours {@code first} to {@code until} (excluded). */
    private List<RuleHit> outflows(TransactionRules rules, String from, int first, int until) {
        List<RuleHit> hits = new ArrayList<>();
        for (int hour = first; hour < until; hour++) {
            hits.addAll(outflow(rules, from, hour, new BigDecimal(hour % 5 + 1)));
        }
        return hits;
    }

    private List<RuleHit> outflow(TransactionRules rules, String from, int hour, BigDecimal amount) {
        Instant at = T0.plus(Duration.ofHours(hour));
        return rules.evaluate(List.of(new ChainTransaction("ethereum", "0x" + (++counter), 1, at, from, "0xto", "ETH",
                amount, null, ChainTransaction.Status.SUCCESS)), at);
    }

    @Test
    void theStateAfterARestartEqualsTheStateBeforeIt() {
        TransactionRulesProperties properties = properties(1000);
        TransactionRules before = new TransactionRules(properties);
        AnomalyBaselineStore first = store(before, properties);
        first.start();
        outflows(before, "0xhot", 30);
        outflows(before, "0xbridge", 5);
        first.stop();

        TransactionRules after = new TransactionRules(properties);
        AnomalyBaselineStore second = store(after, properties);
        second.start();

        AnomalyDetector was = before.anomalies().orElseThrow();
        AnomalyDetector is = after.anomalies().orElseThrow();
        assertThat(was.learnedWindows("ethereum/0xhot/ETH")).isEqualTo(24);
        assertThat(is.snapshot()).containsOnlyKeys(was.snapshot().keySet());
        was.snapshot().forEach((subject, state) -> assertThat(is.snapshot().get(subject)).isEqualTo(state));
        second.stop();
    }

    @Test
    void onlyWhatChangedIsWrittenAndADroppedSubjectIsDeleted() {
        TransactionRulesProperties properties = properties(16);
        TransactionRules rules = new TransactionRules(properties);
        AnomalyBaselineStore store = store(rules, properties);
        store.start();
        outflows(rules, "0xhot", 3);

        assertThat(store.save()).isEqualTo(1);
        assertThat(store.save()).isZero();
        for (int i = 0; i < 400; i++) {
            outflows(rules, "0xother" + i, 1);
        }
        store.save();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM anomaly_baseline", Integer.class))
                .isEqualTo(rules.anomalies().orElseThrow().size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM anomaly_baseline WHERE subject = ?", Integer.class,
                "ethereum/0xhot/ETH")).isZero();
        store.stop();
    }

    @Test
    void aPartitionsSubjectsMoveWithItToTheNodeThatTakesItOverAndHitAsIfTheyHadNotMoved() {
        TransactionRulesProperties properties = properties(1000);
        TransactionRules nodeA = new TransactionRules(properties);
        TransactionRules nodeB = new TransactionRules(properties);
        TransactionRules unmoved = new TransactionRules(properties);
        AnomalyBaselineStore storeA = store(nodeA, properties, true);
        AnomalyBaselineStore storeB = store(nodeB, properties, true);
        storeA.start();
        storeB.start();
        storeA.takeOver(List.of("tx-0", "tx-1"));
        TransactionRules partition0 = nodeA.withOwnWindows("tx-0");
        outflows(partition0, "0xhot", 0, 30);
        outflows(nodeA.withOwnWindows("tx-1"), "0xbridge", 0, 30);
        outflows(unmoved, "0xhot", 0, 30);
        AnomalyDetector detectorA = nodeA.anomalies().orElseThrow();
        byte[] handedOver = detectorA.snapshot().get("ethereum/0xhot/ETH");

        storeA.handOver(List.of("tx-0"));
        storeB.takeOver(List.of("tx-0"));

        assertThat(detectorA.learnedWindows("ethereum/0xhot/ETH")).as("given up").isEqualTo(-1);
        assertThat(detectorA.learnedWindows("ethereum/0xbridge/ETH")).as("kept").isEqualTo(24);
        AnomalyDetector detectorB = nodeB.anomalies().orElseThrow();
        assertThat(detectorB.snapshot()).containsOnlyKeys("ethereum/0xhot/ETH");
        assertThat(detectorB.snapshot().get("ethereum/0xhot/ETH")).isEqualTo(handedOver);
        TransactionRules partition0OnB = nodeB.withOwnWindows("tx-0");
        List<RuleHit> moved = new ArrayList<>(outflows(partition0OnB, "0xhot", 30, 34));
        moved.addAll(outflow(partition0OnB, "0xhot", 34, new BigDecimal("900")));
        List<RuleHit> stayed = new ArrayList<>(outflows(unmoved, "0xhot", 30, 34));
        stayed.addAll(outflow(unmoved, "0xhot", 34, new BigDecimal("900")));
        assertThat(stayed).as("the drain hits where the subject never moved").isNotEmpty();
        assertThat(moved).extracting(RuleHit::alertId, RuleHit::name).containsExactlyElementsOf(stayed.stream()
                .map(hit -> tuple(hit.alertId(), hit.name())).toList());

        // the node that gave the partition up rewrites everything it holds, and leaves the new owner's row alone
        storeB.save();
        byte[] newest = new JdbcTemplate(dataSource).queryForObject("SELECT state FROM anomaly_baseline"
                + " WHERE subject = ?", byte[].class, "ethereum/0xhot/ETH");
        detectorA.markAllChanged();
        storeA.save();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT state FROM anomaly_baseline WHERE subject = ?",
                byte[].class, "ethereum/0xhot/ETH")).isEqualTo(newest)
                .isEqualTo(detectorB.snapshot().get("ethereum/0xhot/ETH"));
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT kafka_partition FROM anomaly_baseline"
                + " WHERE subject = ?", String.class, "ethereum/0xbridge/ETH")).isEqualTo("tx-1");
        storeA.stop();
        storeB.stop();
    }

    @Test
    void withKafkaIngestARestartReadsOnlyTheSubjectsOfNoPartitionAndALostPartitionIsDroppedUnsaved() {
        TransactionRulesProperties properties = properties(1000);
        TransactionRules rules = new TransactionRules(properties);
        AnomalyBaselineStore store = store(rules, properties, true);
        store.start();
        store.takeOver(List.of("tx-0", "tx-1"));
        outflows(rules, "0xapi", 3);
        outflows(rules.withOwnWindows("tx-0"), "0xhot", 0, 3);
        store.save();
        outflows(rules.withOwnWindows("tx-1"), "0xlost", 0, 3);
        store.forget(List.of("tx-1"));
        store.stop();

        AnomalyDetector detector = rules.anomalies().orElseThrow();
        assertThat(detector.snapshot()).containsOnlyKeys("ethereum/0xapi/ETH", "ethereum/0xhot/ETH");
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT subject FROM anomaly_baseline ORDER BY subject",
                String.class)).containsExactly("ethereum/0xapi/ETH", "ethereum/0xhot/ETH");

        TransactionRules next = new TransactionRules(properties);
        AnomalyBaselineStore restarted = store(next, properties, true);
        restarted.start();
        assertThat(next.anomalies().orElseThrow().snapshot()).containsOnlyKeys("ethereum/0xapi/ETH");
        assertThat(restarted.takeOver(List.of("tx-0"))).isOne();
        assertThat(next.anomalies().orElseThrow().snapshot().get("ethereum/0xhot/ETH"))
                .isEqualTo(detector.snapshot().get("ethereum/0xhot/ETH"));
        restarted.stop();
    }

    @Test
    void withoutTheAnomalyRuleNothingIsReadOrWritten() {
        TransactionRulesProperties properties = new TransactionRulesProperties(true, null, null, null, null, null,
                null);
        TransactionRules rules = new TransactionRules(properties);
        AnomalyBaselineStore store = store(rules, properties);
        store.start();
        store.stop();

        assertThat(rules.anomalies()).isEmpty();
        assertThat(store.isRunning()).isFalse();
    }
}
