package benchmarks.anomaly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import io.incidentledger.detection.rules.anomaly.AnomalyEvaluation;
import io.incidentledger.detection.rules.anomaly.SyntheticOutflows;

/**
 * Benchmark: the outflow-anomaly rule on a labelled synthetic stream ({@code SyntheticOutflows}) against the fixed
 * rules alone in the same run: recall, precision, false alarms per 100,000 transactions, detection delay; then the
 * evaluation cost per transaction with the anomaly rule on and off, on a stream held in memory. In the JVM only, no
 * database. Writes {@code target/bench/anomaly.json}; see {@code docs/benchmarks.md}.
 */
public final class AnomalyBenchmark {

    public static final String NAME = "anomaly";

    private AnomalyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(BenchmarkSettings.string("bench.anomaly.seed", "424242"));
        SyntheticOutflows.Shape shape = new SyntheticOutflows.Shape(seed,
                BenchmarkSettings.integer("bench.anomaly.days", 21),
                BenchmarkSettings.integer("bench.anomaly.learning-days", 7),
                BenchmarkSettings.integer("bench.anomaly.hot-wallets", 60),
                BenchmarkSettings.integer("bench.anomaly.bridges", 30),
                BenchmarkSettings.integer("bench.anomaly.wallets", 200), 0.2, 0.25);
        int costDays = BenchmarkSettings.integer("bench.anomaly.cost-days", 2);
        int rounds = BenchmarkSettings.integer("bench.anomaly.cost-rounds", 3);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        System.out.printf("benchmark %s: %s%n", NAME, shape);

        AnomalyEvaluation.Result result = AnomalyEvaluation.run(shape);
        Map<String, Object> cost = cost(shape, costDays, rounds);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", NAME);
        report.put("description", "A labelled synthetic stream of outflows (hot wallets, bridges, ordinary wallets,"
                + " one-off senders; diurnal rates, heavy tails, legitimately large withdrawals) with drains modelled"
                + " on real incidents, through the fixed rules alone, the outflow-anomaly rule alone and both, in"
                + " the same run. A hit on a drain's transaction is a true alarm, any other a false alarm; an"
                + " incident is detected when any of its transactions hit. cost: evaluation time per transaction"
                + " of TransactionRules.evaluate in batches of 500, anomaly rule off (fixed rules) and on (both).");
        report.put("timestamp", Instant.now().toString());
        report.put("environment", BenchmarkReport.jvmEnvironment());
        report.put("shape", shape);
        report.put("transactions", result.transactions());
        report.put("subjects", result.subjects());
        report.put("anomalySubjectsInMemory", result.anomalySubjectsInMemory());
        report.put("fixedRules", result.fixed());
        report.put("anomaly", result.anomaly());
        report.put("fixedRulesAndAnomaly", result.both());
        report.put("cost", cost);
        Files.createDirectories(output);
        Path file = output.resolve(NAME + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);

        for (AnomalyEvaluation.Score score : List.of(result.fixed(), result.anomaly(), result.both())) {
            System.out.printf("  %-50s recall %.3f %s  precision %.4f  false alarms %d (%.2f per 100k, %.2f per 100k"
                            + " armed)  delay median %.0f s p90 %.0f s  %.0f ns/tx%n", score.rules(), score.recall(),
                    score.recallByKind(), score.precision(), score.falseAlarms(), score.falseAlarmsPer100k(),
                    score.falseAlarmsPer100kArmed(), score.medianDelaySeconds(), score.p90DelaySeconds(),
                    score.nanosPerTransaction());
        }
        System.out.printf("  cost: %s%n", cost);
        System.out.printf("wrote %s%n", file);
    }

    /** Evaluation time per transaction over a stream held in memory, each rule set fresh each round; best round. */
    private static Map<String, Object> cost(SyntheticOutflows.Shape shape, int days, int rounds) {
        SyntheticOutflows.Shape short_ = new SyntheticOutflows.Shape(shape.seed() + 1, days, Math.min(days, 1),
                shape.hotWallets(), shape.bridges(), shape.wallets(), shape.oneOffShare(),
                shape.hardNegativesPerSubjectDay());
        SyntheticOutflows generator = new SyntheticOutflows(short_);
        List<List<ChainTransaction>> batches = new ArrayList<>();
        generator.generate(hour -> {
            for (int from = 0; from < hour.size(); from += 500) {
                batches.add(List.copyOf(hour.subList(from, Math.min(hour.size(), from + 500))));
            }
        });
        long transactions = generator.stream().transactions;
        TransactionRulesProperties both = AnomalyEvaluation.fixedSettings(generator.stream(),
                AnomalyEvaluation.anomalySettings());
        TransactionRulesProperties fixedOnly = new TransactionRulesProperties(true, null, both.largeTransfer(), null,
                both.hotWalletVelocity(), null, null);
        TransactionRulesProperties anomalyOnly = new TransactionRulesProperties(true, null, null, null, null, null,
                null, both.anomaly());
        double off = Double.MAX_VALUE;
        double on = Double.MAX_VALUE;
        double alone = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            off = Math.min(off, time(new TransactionRules(fixedOnly), batches, transactions));
            on = Math.min(on, time(new TransactionRules(both), batches, transactions));
            alone = Math.min(alone, time(new TransactionRules(anomalyOnly), batches, transactions));
        }
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("transactions", transactions);
        cost.put("rounds", rounds);
        cost.put("nanosPerTransactionAnomalyOff", Math.round(off));
        cost.put("nanosPerTransactionAnomalyOn", Math.round(on));
        cost.put("nanosPerTransactionAnomalyAlone", Math.round(alone));
        cost.put("anomalyAddsNanosPerTransaction", Math.round(on - off));
        return cost;
    }

    private static double time(TransactionRules rules, List<List<ChainTransaction>> batches, long transactions) {
        long start = System.nanoTime();
        for (List<ChainTransaction> batch : batches) {
            rules.evaluate(batch, batch.get(batch.size() - 1).timestamp());
        }
        return (double) (System.nanoTime() - start) / transactions;
    }
}
