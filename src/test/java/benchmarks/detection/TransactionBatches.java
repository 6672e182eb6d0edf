package benchmarks.detection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Pre-generated batches of synthetic Ethereum transactions (JSON arrays, as sent to {@code POST /api/transactions})
 * and the rule configuration they are made for. Deterministic (fixed seed). Per transaction:
 * <ul>
 *   <li>0.1 % are ETH transfers above the large-transfer threshold (50 ETH), from random senders: each opens an
 *       incident;</li>
 *   <li>0.05 % go to one of 5 denylisted addresses: after the first, they attach to that address's incident;</li>
 *   <li>0.1 % call an admin method ({@code upgradeTo}, {@code grantRole}, ...) on one of 10 contracts
 *       (privileged-call rule on every contract, default methods): they attach per contract;</li>
 *   <li>0.2 % are ETH outflows from one of 2 watched hot wallets (window 5 min, more than 4 outflows hits): with 100
 *       transactions per 12-second block that is about 2.5 outflows per wallet and window, so the window breaches
 *       only now and then;</li>
 *   <li>2 % failed (the failed-transaction spike rule keeps one window per called contract, 5,000 of them; the rate
 *       stays far below 50 %, so it never hits);</li>
 *   <li>the rest: ETH or USDC transfers under the thresholds, or calls of ordinary methods.</li>
 * </ul>
 */
public final class TransactionBatches {

    static final int TRANSACTIONS_PER_BLOCK = 100;
    static final long FIRST_BLOCK = 20_000_000;
    static final long FIRST_BLOCK_TIME = 1_790_000_000L; // epoch seconds, 2026-09
    static final List<String> DENYLISTED = addresses("de", 5);
    static final List<String> HOT_WALLETS = addresses("40", 2);
    static final List<String> ADMIN_CONTRACTS = addresses("ad", 10);
    private static final List<String> ADMIN_METHODS = List.of("upgradeTo(address)", "grantRole", "transferOwnership",
            "changeThreshold");
    private static final List<String> METHODS = List.of("transfer", "approve", "swapExactTokensForTokens",
            "multicall", "deposit", "withdraw");

    private TransactionBatches() {
    }

    /** The rules as command-line arguments (they must outrank application.yml). */
    public static List<String> rulesArguments(boolean enabled) {
        List<String> args = new ArrayList<>();
        String rules = "--incident-ledger.detection.rules.";
        args.add(rules + "enabled=" + enabled);
        args.add(rules + "large-transfer.thresholds[0].chain=ethereum");
        args.add(rules + "large-transfer.thresholds[0].asset=ETH");
        args.add(rules + "large-transfer.thresholds[0].threshold=50");
        args.add(rules + "large-transfer.thresholds[1].chain=ethereum");
        args.add(rules + "large-transfer.thresholds[1].asset=USDC");
        args.add(rules + "large-transfer.thresholds[1].threshold=10000");
        for (int i = 0; i < DENYLISTED.size(); i++) {
            args.add(rules + "denylist.addresses[" + i + "].chain=ethereum");
            args.add(rules + "denylist.addresses[" + i + "].address=" + DENYLISTED.get(i));
            args.add(rules + "denylist.addresses[" + i + "].reason=bench denylist");
        }
        for (int i = 0; i < HOT_WALLETS.size(); i++) {
            String wallet = rules + "hot-wallet-velocity.wallets[" + i + "].";
            args.add(wallet + "chain=ethereum");
            args.add(wallet + "address=" + HOT_WALLETS.get(i));
            args.add(wallet + "asset=ETH");
            args.add(wallet + "window=5m");
            args.add(wallet + "max-amount=500");
            args.add(wallet + "max-count=4");
        }
        args.add(rules + "privileged-call.contracts[0].chain=ethereum");
        args.add(rules + "failed-transaction-spike.subjects[0].chain=ethereum");
        args.add(rules + "failed-transaction-spike.subjects[0].window=10m");
        args.add(rules + "failed-transaction-spike.subjects[0].max-error-rate=0.5");
        args.add(rules + "failed-transaction-spike.subjects[0].min-count=20");
        return args;
    }

    /**
     * The outflow-anomaly rule (docs/anomalies.md) on every sender of ETH and USDC on ethereum, for the benchmarks
     * that run "the rules and anomaly detection": it learns throughout a run (its learning period is days of
     * windows), so what it adds is its cost per transaction, not hits.
     */
    public static List<String> anomalyArguments() {
        String anomaly = "--incident-ledger.detection.rules.anomaly.assets";
        return List.of(anomaly + "[0].chain=ethereum", anomaly + "[0].asset=ETH",
                anomaly + "[0].min-window-amount=100", anomaly + "[0].min-transaction-amount=50",
                anomaly + "[1].chain=ethereum", anomaly + "[1].asset=USDC",
                anomaly + "[1].min-window-amount=200000", anomaly + "[1].min-transaction-amount=100000");
    }

    /**
     * One transaction as a JSON object, and its subject as a Kafka record key ({@code chain:sender}), for the Kafka
     * ingest benchmark.
     */
    public record Transaction(String subject, String json) {
    }

    /** {@code count} batches of {@code size} transactions each, in chain order (block numbers increase). */
    static List<byte[]> generate(int count, int size, long seed) {
        List<Transaction> transactions = transactions(count * size, seed);
        List<byte[]> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            StringBuilder json = new StringBuilder(size * 300).append('[');
            for (int t = 0; t < size; t++) {
                if (t > 0) {
                    json.append(',');
                }
                json.append(transactions.get(b * size + t).json());
            }
            batches.add(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        return batches;
    }

    /** {@code count} transactions in chain order (block numbers increase), the same as {@link #generate}'s. */
    public static List<Transaction> transactions(int count, long seed) {
        return transactions(count, seed, 1);
    }

    /**
     * As {@link #transactions(int, long)}, with the four kinds of transaction that hit a rule (large transfers,
     * denylisted recipients, admin calls, hot-wallet outflows) {@code rarity} times rarer, the rest ordinary
     * transfers and calls; with {@code rarity} 1 exactly the same transactions.
     */
    public static List<Transaction> transactions(int count, long seed, double rarity) {
        if (rarity < 1) {
            throw new IllegalArgumentException("rarity must be at least 1, not " + rarity);
        }
        double share = 1 / rarity;
        SplittableRandom random = new SplittableRandom(seed);
        List<String> senders = addresses("5e", 20_000, random);
        List<String> recipients = addresses("7a", 5_000, random);
        List<Transaction> transactions = new ArrayList<>(count);
        for (long sequence = 0; sequence < count; sequence++) {
            long block = FIRST_BLOCK + sequence / TRANSACTIONS_PER_BLOCK;
            long time = FIRST_BLOCK_TIME + (block - FIRST_BLOCK) * 12;
            String from = senders.get(random.nextInt(senders.size()));
            String to = recipients.get(random.nextInt(recipients.size()));
            String asset = null;
            String amount = null;
            String method = null;
            double dice = random.nextDouble();
            if (dice < 0.001 * share) {
                asset = "ETH";
                amount = decimal(50.5 + random.nextDouble() * 450);
            } else if (dice < 0.0015 * share) {
                to = DENYLISTED.get(random.nextInt(DENYLISTED.size()));
                asset = "ETH";
                amount = decimal(random.nextDouble() * 5);
            } else if (dice < 0.0025 * share) {
                to = ADMIN_CONTRACTS.get(random.nextInt(ADMIN_CONTRACTS.size()));
                method = ADMIN_METHODS.get(random.nextInt(ADMIN_METHODS.size()));
            } else if (dice < 0.0045 * share) {
                from = HOT_WALLETS.get(random.nextInt(HOT_WALLETS.size()));
                asset = "ETH";
                amount = decimal(0.1 + random.nextDouble() * 5);
            } else if (dice < 0.40) {
                asset = "ETH";
                amount = decimal(random.nextDouble() * 10);
            } else if (dice < 0.75) {
                asset = "USDC";
                amount = decimal(1 + random.nextDouble() * 5_000);
            } else {
                method = METHODS.get(random.nextInt(METHODS.size()));
            }
            boolean failed = random.nextDouble() < 0.02;
            StringBuilder json = new StringBuilder(300);
            json.append("{\"chain\":\"ethereum\",\"hash\":\"0x")
                    .append(String.format(Locale.ROOT, "%016x%048x", sequence, random.nextLong() & Long.MAX_VALUE))
                    .append("\",\"block\":").append(block)
                    .append(",\"timestamp\":").append(time)
                    .append(",\"from\":\"").append(from)
                    .append("\",\"to\":\"").append(to).append('"');
            if (asset != null) {
                json.append(",\"asset\":\"").append(asset).append("\",\"amount\":\"").append(amount).append('"');
            }
            if (method != null) {
                json.append(",\"method\":\"").append(method).append('"');
            }
            json.append(",\"status\":\"").append(failed ? "FAILED" : "SUCCESS").append("\"}");
            transactions.add(new Transaction("ethereum:" + from, json.toString()));
        }
        return transactions;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static List<String> addresses(String prefix, int count) {
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(String.format(Locale.ROOT, "0x%s%038x", prefix, i + 1));
        }
        return List.copyOf(result);
    }

    private static List<String> addresses(String prefix, int count, SplittableRandom random) {
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(String.format(Locale.ROOT, "0x%s%022x%016x", prefix, i, random.nextLong() & Long.MAX_VALUE));
        }
        return result;
    }
}
