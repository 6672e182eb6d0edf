package io.incidentledger.detection.rules.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The baselines survive a restart: saved to the migrated schema (H2) by one node, read back by the next. */
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
        return new AnomalyBaselineStore(rules, properties, new JdbcTemplate(dataSource),
                new DataSourceTransactionManager(dataSource), CLOCK);
    }

    private void outflows(TransactionRules rules, String from, int hours) {
        for (int hour = 0; hour < hours; hour++) {
            Instant at = T0.plus(Duration.ofHours(hour));
            rules.evaluate(List.of(new ChainTransaction("ethereum", "0x" + (++counter), 1, at, from, "0xto", "ETH",
                    new BigDecimal(hour % 5 + 1), null, ChainTransaction.Status.SUCCESS)), at);
        }
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
