package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.incidentledger.detection.rules.anomaly.Anomaly;
import io.incidentledger.detection.rules.anomaly.AnomalyDetector;
import io.incidentledger.detection.rules.anomaly.AnomalyThresholds;

/**
 * Statistical outflow anomalies beside the fixed rules (docs/anomalies.md): a successful outflow is counted in its
 * sender's window for its chain and asset, and hits when the window's sum or count, or the outflow itself, is far
 * above the sender's own robust baseline. At most one hit per subject and window.
 */
final class AnomalyRule implements TransactionRule {

    private final TransactionRulesProperties.Anomaly settings;
    private final AnomalyDetector detector;
    /** chain + asset, lower case → thresholds and the senders watched (empty: all) */
    private final Map<String, Watched> watched = new HashMap<>();
    private final String windowText;

    private record Watched(String asset, AnomalyThresholds thresholds, Set<String> addresses) {
    }

    AnomalyRule(TransactionRulesProperties.Anomaly settings) {
        this.settings = settings;
        this.detector = new AnomalyDetector(settings.window().toMillis(), settings.historyWindows(),
                settings.learningWindows(), settings.activeWindows(), settings.maxSubjects(),
                settings.maxHashesPerWindow());
        this.windowText = text(settings.window());
        for (TransactionRulesProperties.Anomaly.Asset asset : settings.assets()) {
            if (!asset.enabled()) {
                continue;
            }
            Set<String> addresses = new HashSet<>();
            asset.addresses().forEach(address -> addresses.add(ChainTransaction.normalize(address)));
            AnomalyThresholds thresholds = new AnomalyThresholds(
                    asset.valueSigmas() != null ? asset.valueSigmas() : settings.valueSigmas(),
                    asset.countSigmas() != null ? asset.countSigmas() : settings.countSigmas(),
                    asset.transactionSigmas() != null ? asset.transactionSigmas() : settings.transactionSigmas(),
                    settings.relativeFloor(), settings.peakFactor(), asset.minWindowAmount().doubleValue(),
                    asset.minTransactionAmount().doubleValue(), asset.minCount());
            watched.put(key(asset.chain(), asset.asset()),
                    new Watched(asset.asset().toUpperCase(Locale.ROOT), thresholds, addresses));
        }
    }

    boolean active() {
        return !watched.isEmpty();
    }

    AnomalyDetector detector() {
        return detector;
    }

    @Override
    public TransactionRulesProperties.RuleSettings settings() {
        return settings;
    }

    @Override
    public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
        evaluate(transaction, receivedAt, hits, null);
    }

    /**
     * The same rule, with the same baselines, for the transactions of one Kafka partition: each subject it counts
     * is noted as the partition's, to be handed over with it (AnomalyDetector#release).
     */
    TransactionRule readingFrom(String partition) {
        AnomalyRule shared = this;
        return new TransactionRule() {
            @Override
            public TransactionRulesProperties.RuleSettings settings() {
                return shared.settings();
            }

            @Override
            public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
                shared.evaluate(transaction, receivedAt, hits, partition);
            }
        };
    }

    private void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits, String partition) {
        if (transaction.failed() || transaction.amount() == null || transaction.asset() == null
                || transaction.amount().signum() <= 0) {
            return;
        }
        Watched asset = watched.get(key(transaction.chain(), transaction.asset()));
        if (asset == null) {
            return;
        }
        String from = ChainTransaction.normalize(transaction.from());
        if (!asset.addresses().isEmpty() && !asset.addresses().contains(from)) {
            return;
        }
        String chain = transaction.chain().toLowerCase(Locale.ROOT);
        String subject = chain + "/" + from + "/" + asset.asset();
        long time = transaction.time(receivedAt).toEpochMilli();
        if (time - receivedAt.toEpochMilli() > detector.windowMillis()) {
            // a block time more than a window ahead of its arrival would close the subject's current window and
            // make every transaction after it late: not counted
            return;
        }
        double amount = transaction.amount().doubleValue();
        Anomaly anomaly = detector.observe(subject, partition, AnomalyDetector.fingerprint(transaction.hash()), time,
                amount, asset.thresholds());
        if (anomaly == null) {
            return;
        }
        hits.add(hit(transaction, anomaly, chain, from, asset.asset()));
    }

    /** Apart from {@link #evaluate}, as in {@link LargeTransferRule}. */
    private RuleHit hit(ChainTransaction transaction, Anomaly anomaly, String chain, String from, String asset) {
        String to = ChainTransaction.normalize(transaction.to());
        return hit(transaction, from, chain + ":" + from + ":" + asset + ":" + anomaly.windowStart(),
                name(anomaly, from, asset, transaction.chain()), describe(anomaly, from, asset, transaction),
                to == null ? List.of(from) : List.of(from, to), List.of(transaction.hash()));
    }

    private String name(Anomaly anomaly, String from, String asset, String chain) {
        return switch (anomaly.kind()) {
            case WINDOW_AMOUNT -> "Anomalous outflow of " + number(anomaly.value()) + " " + asset + " from " + from
                    + " on " + chain;
            case WINDOW_COUNT -> "Anomalous number of outflows (" + number(anomaly.value()) + ") from " + from
                    + " on " + chain;
            case TRANSACTION_AMOUNT -> "Anomalously large outflow of " + number(anomaly.value()) + " " + asset
                    + " from " + from + " on " + chain;
        };
    }

    private String describe(Anomaly anomaly, String from, String asset, ChainTransaction transaction) {
        String span = historyText(anomaly.learnedWindows());
        String baseline = "its " + span + " median of " + number(anomaly.median()) + " (MAD "
                + number(anomaly.mad()) + "), learned over " + (anomaly.baselineWindows() == anomaly.learnedWindows()
                ? anomaly.learnedWindows() + " windows of " + windowText
                : anomaly.baselineWindows() + " active of " + anomaly.learnedWindows() + " windows of " + windowText);
        String window = "the " + windowText + " window from " + Instant.ofEpochMilli(anomaly.windowStart());
        String sigmas = number(anomaly.sigmas()) + "σ";
        String what = switch (anomaly.kind()) {
            case WINDOW_AMOUNT -> "Outflow of " + number(anomaly.value()) + " " + asset + " from " + from + " in "
                    + window + " is " + sigmas + " above " + baseline + " " + asset + ", and above the largest "
                    + "window in that history (" + number(anomaly.peak()) + " " + asset + "); "
                    + anomaly.windowCount() + " outflows so far";
            case WINDOW_COUNT -> number(anomaly.value()) + " outflows from " + from + " in " + window + " are "
                    + sigmas + " above " + baseline + ", and above the most in one window of that history ("
                    + number(anomaly.peak()) + "); " + number(anomaly.windowSum()) + " " + asset + " so far";
            case TRANSACTION_AMOUNT -> "One outflow of " + number(anomaly.value()) + " " + asset + " from " + from
                    + " is " + sigmas + " above " + baseline.replace("median", "median largest outflow per window")
                    + " " + asset + ", and above the largest outflow in that history (" + number(anomaly.peak())
                    + " " + asset + "); " + window + " holds " + number(anomaly.windowSum()) + " " + asset + " in "
                    + anomaly.windowCount() + " outflows";
        };
        return what + " (transaction " + transaction.hash() + ", block " + transaction.block() + ", chain "
                + transaction.chain() + ")";
    }

    private String historyText(int windows) {
        return text(settings.window().multipliedBy(windows));
    }

    /** {@code 1h}, {@code 7d}, {@code 90m}: the shortest exact form. */
    private static String text(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "-day";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "min";
        }
        return seconds + "s";
    }

    /** Six significant digits at most, no exponent, no trailing zeros. */
    static String number(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String key(String chain, String asset) {
        return chain.toLowerCase(Locale.ROOT) + "\u0000" + asset.toLowerCase(Locale.ROOT);
    }
}
