package io.incidentledger.detection.rules.anomaly;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.RuleHit;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;

/**
 * Runs a {@link SyntheticOutflows} stream through the fixed rules alone, the anomaly rule alone and both, in the same
 * run, hour by hour, and scores each against the labels: a hit is a true alarm when the transaction that caused it is
 * a drain's, else a false alarm; an incident is detected when any hit is on one of its transactions.
 */
public final class AnomalyEvaluation {

    static final String ANOMALY = "outflow-anomaly";

    /** The anomaly settings evaluated: the defaults, with minimum amounts for ETH and USDC. */
    public static TransactionRulesProperties.Anomaly anomalySettings() {
        return new TransactionRulesProperties.Anomaly(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of(
                new TransactionRulesProperties.Anomaly.Asset("ethereum", "ETH", null, new BigDecimal("100"),
                        new BigDecimal("50"), null, null, null, null, null),
                new TransactionRulesProperties.Anomaly.Asset("ethereum", "USDC", null, new BigDecimal("200000"),
                        new BigDecimal("100000"), null, null, null, null, null)));
    }

    /**
     * The fixed rules an operator would set: large transfers above 50 ETH or 10,000 USDC (application.yml), and a
     * velocity limit per hot wallet and bridge of three times its expected peak hour.
     */
    public static TransactionRulesProperties fixedSettings(SyntheticOutflows.Stream stream,
                                                    TransactionRulesProperties.Anomaly anomaly) {
        List<TransactionRulesProperties.HotWalletVelocity.Wallet> wallets = new ArrayList<>();
        for (SyntheticOutflows.Subject subject : stream.subjects) {
            if (subject.role() != SyntheticOutflows.Role.WALLET) {
                wallets.add(new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", subject.address(),
                        subject.asset(), Duration.ofHours(1),
                        BigDecimal.valueOf(Math.round(3 * subject.peakHourOutflow() + 1)), null));
            }
        }
        return new TransactionRulesProperties(true, null,
                new TransactionRulesProperties.LargeTransfer(null, null, null, null, null, List.of(
                        new TransactionRulesProperties.LargeTransfer.Threshold("ethereum", "ETH",
                                new BigDecimal("50")),
                        new TransactionRulesProperties.LargeTransfer.Threshold("ethereum", "USDC",
                                new BigDecimal("10000")))),
                null, new TransactionRulesProperties.HotWalletVelocity(null, null, null, null, null, wallets),
                null, null, anomaly);
    }

    /**
     * The figures of one rule set over the stream. {@code falseAlarmsPer100k} counts every normal transaction
     * evaluated, {@code falseAlarmsPer100kArmed} only those after the learning days (when a subject may hit); delays
     * are from an incident's first transaction to its first hit, the drained share is how much of the incident's
     * duration had passed (and one transaction's share) by then.
     */
    public record Score(String rules, long transactions, int incidents, int detected, double recall,
                 Map<String, String> recallByKind, long alarms, long trueAlarms, long falseAlarms, double precision,
                 double falseAlarmsPer100k, double falseAlarmsPer100kArmed, int hardNegatives, long hardNegativesAlarmed, double medianDelaySeconds,
                 double p90DelaySeconds, double maxDelaySeconds, double medianDrainedShareBeforeDetection,
                 double nanosPerTransaction, Map<String, Long> alarmsByName) {
    }

    /** Everything measured in one run. */
    public record Result(SyntheticOutflows.Shape shape, long transactions, int subjects, int anomalySubjectsInMemory,
                  Score fixed, Score anomaly, Score both) {
    }

    public static Result run(SyntheticOutflows.Shape shape) {
        return run(shape, true);
    }

    /** With {@code withFixedRules} false only the anomaly rule runs (fixed and both are then null). */
    public static Result run(SyntheticOutflows.Shape shape, boolean withFixedRules) {
        return run(shape, withFixedRules, anomalySettings());
    }

    public static Result run(SyntheticOutflows.Shape shape, boolean withFixedRules,
                      TransactionRulesProperties.Anomaly anomaly) {
        SyntheticOutflows generator = new SyntheticOutflows(shape);
        SyntheticOutflows.Stream stream = generator.stream();
        TransactionRulesProperties both = fixedSettings(stream, anomaly);
        TransactionRulesProperties fixedOnly = new TransactionRulesProperties(true, null, both.largeTransfer(),
                null, both.hotWalletVelocity(), null, null);
        TransactionRulesProperties anomalyOnly = new TransactionRulesProperties(true, null, null, null, null, null,
                null, anomaly);
        Tally fixed = new Tally("fixed rules (large-transfer, hot-wallet-velocity)", new TransactionRules(fixedOnly));
        Tally alone = new Tally("outflow-anomaly", new TransactionRules(anomalyOnly));
        Tally combined = new Tally("fixed rules and outflow-anomaly", new TransactionRules(both));
        generator.generate(hour -> {
            if (withFixedRules) {
                fixed.evaluate(hour);
            }
            alone.evaluate(hour);
            if (withFixedRules) {
                combined.evaluate(hour);
            }
        });
        return new Result(shape, stream.transactions, stream.subjects.size(),
                alone.rules.anomalies().map(AnomalyDetector::size).orElse(0),
                withFixedRules ? fixed.score(stream) : null, alone.score(stream),
                withFixedRules ? combined.score(stream) : null);
    }

    /** Hits and time of one rule set. */
    private static final class Tally {
        private final String name;
        private final TransactionRules rules;
        private final List<RuleHit> hits = new ArrayList<>();
        private final Map<String, Long> times = new HashMap<>();
        private long nanos;

        Tally(String name, TransactionRules rules) {
            this.name = name;
            this.rules = rules;
        }

        void evaluate(List<ChainTransaction> hour) {
            for (int from = 0; from < hour.size(); from += 500) {
                List<ChainTransaction> batch = hour.subList(from, Math.min(hour.size(), from + 500));
                long start = System.nanoTime();
                // the batch arrives once its last transaction is on chain
                List<RuleHit> found = rules.evaluate(batch, batch.get(batch.size() - 1).timestamp());
                nanos += System.nanoTime() - start;
                for (RuleHit hit : found) {
                    hits.add(hit);
                    times.put(hit.transaction(), hit.observedAt().toEpochMilli());
                }
            }
        }

        Score score(SyntheticOutflows.Stream stream) {
            Map<Integer, Long> firstHit = new HashMap<>();
            long trueAlarms = 0;
            long falseAlarms = 0;
            Set<String> hardNegativesAlarmed = new HashSet<>();
            Map<String, Long> byName = new LinkedHashMap<>();
            for (RuleHit hit : hits) {
                Integer incident = stream.drains.get(hit.transaction());
                String kind = hit.ruleId() + ": " + hit.name().replaceAll(" (of|from) .*", "")
                        .replaceAll(" \\(.*", "");
                byName.merge(kind + (incident != null ? " (drain)" : " (false)"), 1L, Long::sum);
                if (incident != null) {
                    trueAlarms++;
                    firstHit.merge(incident, times.get(hit.transaction()), Math::min);
                } else {
                    falseAlarms++;
                    if (stream.hardNegatives.containsKey(hit.transaction())) {
                        hardNegativesAlarmed.add(hit.transaction());
                    }
                }
            }
            Map<String, int[]> kinds = new LinkedHashMap<>();
            List<Double> delays = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            for (SyntheticOutflows.Incident incident : stream.incidents) {
                int[] counts = kinds.computeIfAbsent(incident.kind().name(), key -> new int[2]);
                counts[1]++;
                Long at = firstHit.get(incident.index());
                if (at != null) {
                    counts[0]++;
                    delays.add((at - incident.start()) / 1000.0);
                    long duration = Math.max(1, incident.end() - incident.start());
                    shares.add(incident.transactions() <= 1 ? 1.0
                            : Math.min(1.0, (double) (at - incident.start()) / duration
                            + 1.0 / incident.transactions()));
                }
            }
            Map<String, String> recallByKind = new LinkedHashMap<>();
            kinds.forEach((kind, counts) -> recallByKind.put(kind, counts[0] + "/" + counts[1]));
            long normal = stream.transactions - stream.drains.size();
            long alarms = trueAlarms + falseAlarms;
            return new Score(name, stream.transactions, stream.incidents.size(), firstHit.size(),
                    stream.incidents.isEmpty() ? 0 : (double) firstHit.size() / stream.incidents.size(),
                    recallByKind, alarms, trueAlarms, falseAlarms,
                    alarms == 0 ? 0 : (double) trueAlarms / alarms, 100_000.0 * falseAlarms / normal,
                    100_000.0 * falseAlarms / (stream.armedTransactions - stream.drains.size()),
                    stream.hardNegatives.size(), hardNegativesAlarmed.size(), quantile(delays, 0.5),
                    quantile(delays, 0.9), quantile(delays, 1.0), quantile(shares, 0.5),
                    (double) nanos / stream.transactions, byName);
        }
    }

    private static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1 < 0 ? 0
                : Math.ceil(q * sorted.length) - 1)];
    }
}
