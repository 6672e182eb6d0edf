package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The transaction rules and their parameters (docs/detections.md, "Transaction rules"). Everything has a default,
 * so a rule without parameters is simply inactive; {@code enabled: false} here turns every rule off, leaving
 * {@code POST /api/transactions} to parse and validate only.
 *
 * @param enabled the global switch; a rule runs only when this and its own {@code enabled} are on
 * @param windows the memory bounds of the window rules
 * @param anomaly the statistical outflow anomalies beside the fixed rules (docs/anomalies.md)
 */
@ConfigurationProperties("incident-ledger.detection.rules")
public record TransactionRulesProperties(Boolean enabled, Windows windows, LargeTransfer largeTransfer,
                                         Denylist denylist, HotWalletVelocity hotWalletVelocity,
                                         PrivilegedCall privilegedCall,
                                         FailedTransactionSpike failedTransactionSpike, Anomaly anomaly) {

    @ConstructorBinding
    public TransactionRulesProperties {
        enabled = enabled == null || enabled;
        windows = windows != null ? windows : new Windows(null, null);
        largeTransfer = largeTransfer != null ? largeTransfer : new LargeTransfer(null, null, null, null, null, null);
        denylist = denylist != null ? denylist : new Denylist(null, null, null, null, null, null);
        hotWalletVelocity = hotWalletVelocity != null ? hotWalletVelocity
                : new HotWalletVelocity(null, null, null, null, null, null);
        privilegedCall = privilegedCall != null ? privilegedCall
                : new PrivilegedCall(null, null, null, null, null, null);
        failedTransactionSpike = failedTransactionSpike != null ? failedTransactionSpike
                : new FailedTransactionSpike(null, null, null, null, null, null);
        anomaly = anomaly != null ? anomaly
                : new Anomaly(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The rules without the anomaly detector's settings (it stays inactive). */
    public TransactionRulesProperties(Boolean enabled, Windows windows, LargeTransfer largeTransfer,
                                      Denylist denylist, HotWalletVelocity hotWalletVelocity,
                                      PrivilegedCall privilegedCall, FailedTransactionSpike failedTransactionSpike) {
        this(enabled, windows, largeTransfer, denylist, hotWalletVelocity, privilegedCall, failedTransactionSpike,
                null);
    }

    /** What every rule has: its id and version (recorded on each detection), switch, severity and category. */
    public interface RuleSettings {
        String id();

        String version();

        Boolean enabled();

        Severity severity();

        Category category();
    }

    /**
     * Memory bounds of the window rules, per rule.
     *
     * @param maxSubjects        subjects (wallets, contracts) with a window; the least recently used is dropped
     * @param maxEventsPerWindow transactions kept per window; the oldest are dropped first
     */
    public record Windows(Integer maxSubjects, Integer maxEventsPerWindow) {
        public Windows {
            maxSubjects = positive(maxSubjects, 10_000, "max-subjects");
            maxEventsPerWindow = positive(maxEventsPerWindow, 10_000, "max-events-per-window");
        }
    }

    /** A successful transfer of more than {@code threshold} of an asset on a chain. */
    public record LargeTransfer(String id, String version, Boolean enabled, Severity severity, Category category,
                                List<Threshold> thresholds) implements RuleSettings {
        public LargeTransfer {
            id = text(id, "large-transfer");
            version = text(version, "1");
            enabled = enabled == null || enabled;
            severity = severity != null ? severity : Severity.HIGH;
            category = category != null ? category : Category.FRAUDULENT_TRANSACTION;
            thresholds = thresholds != null ? List.copyOf(thresholds) : List.of();
        }

        /** Amounts strictly above {@code threshold} (whole units of the asset) hit. */
        public record Threshold(String chain, String asset, BigDecimal threshold) {
            public Threshold {
                required(chain, "large-transfer.thresholds[].chain");
                required(asset, "large-transfer.thresholds[].asset");
                if (threshold == null || threshold.signum() < 0) {
                    throw new IllegalArgumentException("large-transfer.thresholds[].threshold must be >= 0");
                }
            }
        }
    }

    /** Any transaction from or to a listed address (sanctions, known exploiters), whatever its status. */
    public record Denylist(String id, String version, Boolean enabled, Severity severity, Category category,
                           List<Entry> addresses) implements RuleSettings {
        public Denylist {
            id = text(id, "denylisted-address");
            version = text(version, "1");
            enabled = enabled == null || enabled;
            severity = severity != null ? severity : Severity.HIGH;
            category = category != null ? category : Category.FRAUDULENT_TRANSACTION;
            addresses = addresses != null ? List.copyOf(addresses) : List.of();
        }

        /**
         * @param chain   the chain it applies to; empty for every chain
         * @param address compared case-insensitively
         * @param reason  why it is listed, e.g. "OFAC SDN"
         */
        public record Entry(String chain, String address, String reason) {
            public Entry {
                required(address, "denylist.addresses[].address");
            }
        }
    }

    /** Successful outflows from a watched hot wallet within a sliding window, above a sum or a count. */
    public record HotWalletVelocity(String id, String version, Boolean enabled, Severity severity,
                                    Category category, List<Wallet> wallets) implements RuleSettings {
        public HotWalletVelocity {
            id = text(id, "hot-wallet-velocity");
            version = text(version, "1");
            enabled = enabled == null || enabled;
            severity = severity != null ? severity : Severity.CRITICAL;
            category = category != null ? category : Category.KEY_COMPROMISE;
            wallets = wallets != null ? List.copyOf(wallets) : List.of();
        }

        /**
         * @param asset     the asset counted; empty counts every asset (then only {@code maxCount} makes sense)
         * @param maxAmount hit when the sum within the window is strictly above it (needs {@code asset})
         * @param maxCount  hit when the number of outflows within the window is strictly above it
         */
        public record Wallet(String chain, String address, String asset, Duration window, BigDecimal maxAmount,
                             Integer maxCount) {
            public Wallet {
                required(chain, "hot-wallet-velocity.wallets[].chain");
                required(address, "hot-wallet-velocity.wallets[].address");
                window = positiveWindow(window, "hot-wallet-velocity.wallets[].window");
                if (maxAmount == null && maxCount == null) {
                    throw new IllegalArgumentException("hot-wallet-velocity wallet " + address
                            + " needs max-amount or max-count");
                }
                if (maxAmount != null && (asset == null || asset.isBlank())) {
                    throw new IllegalArgumentException("hot-wallet-velocity wallet " + address
                            + ": max-amount needs an asset");
                }
            }
        }
    }

    /** A call of an admin method (or an admin event) on a watched contract, whatever its status. */
    public record PrivilegedCall(String id, String version, Boolean enabled, Severity severity, Category category,
                                 List<Contract> contracts) implements RuleSettings {

        /** Ownership, access control, proxy upgrades and Safe multisig owner and threshold changes. */
        public static final List<String> DEFAULT_METHODS = List.of(
                "transferOwnership", "renounceOwnership", "OwnershipTransferred",
                "grantRole", "revokeRole", "renounceRole", "RoleGranted", "RoleRevoked",
                "upgradeTo", "upgradeToAndCall", "changeAdmin", "Upgraded", "AdminChanged",
                "addOwnerWithThreshold", "removeOwner", "swapOwner", "changeThreshold",
                "AddedOwner", "RemovedOwner", "ChangedThreshold");

        public PrivilegedCall {
            id = text(id, "privileged-call");
            version = text(version, "1");
            enabled = enabled == null || enabled;
            severity = severity != null ? severity : Severity.HIGH;
            category = category != null ? category : Category.KEY_COMPROMISE;
            contracts = contracts != null ? List.copyOf(contracts) : List.of();
        }

        /**
         * @param address the contract; empty for every contract on the chain
         * @param methods names or signatures ({@code upgradeTo(address)} matches {@code upgradeTo}), or 4-byte
         *                selectors; empty for {@link #DEFAULT_METHODS}
         */
        public record Contract(String chain, String address, List<String> methods) {
            public Contract {
                required(chain, "privileged-call.contracts[].chain");
                methods = methods != null && !methods.isEmpty() ? List.copyOf(methods) : DEFAULT_METHODS;
            }
        }
    }

    /** The share of failed transactions to a contract within a sliding window, above a rate. */
    public record FailedTransactionSpike(String id, String version, Boolean enabled, Severity severity,
                                         Category category, List<Subject> subjects) implements RuleSettings {
        public FailedTransactionSpike {
            id = text(id, "failed-transaction-spike");
            version = text(version, "1");
            enabled = enabled == null || enabled;
            severity = severity != null ? severity : Severity.MEDIUM;
            category = category != null ? category : Category.SMART_CONTRACT_EXPLOIT;
            subjects = subjects != null ? List.copyOf(subjects) : List.of();
        }

        /**
         * @param address      the {@code to} contract; empty for each {@code to} on the chain, one window each
         * @param maxErrorRate hit when failed / total within the window is strictly above it (0..1)
         * @param minCount     ...and the window holds at least this many transactions
         */
        public record Subject(String chain, String address, Duration window, Double maxErrorRate,
                              Integer minCount) {
            public Subject {
                required(chain, "failed-transaction-spike.subjects[].chain");
                window = positiveWindow(window, "failed-transaction-spike.subjects[].window");
                if (maxErrorRate == null || maxErrorRate < 0 || maxErrorRate > 1) {
                    throw new IllegalArgumentException("failed-transaction-spike max-error-rate must be in 0..1");
                }
                minCount = positive(minCount, 10, "failed-transaction-spike.subjects[].min-count");
            }
        }
    }

    /**
     * Statistical outflow anomalies (docs/anomalies.md): per sender, chain and asset, the outflow of each fixed window
     * against robust baselines (median and MAD) of the last {@code historyWindows} windows. Runs only for the chains
     * and assets listed in {@code assets}; what is not set there comes from here.
     *
     * @param window            the length of one window (outflow sum, count and largest outflow are kept per window)
     * @param historyWindows    closed windows kept per subject, the baselines' span (168 windows of 1h: 7 days)
     * @param learningWindows   closed windows a subject needs in its history before it may hit
     * @param activeWindows     ...of which at least this many with an outflow (amount baselines are taken over
     *                          these active windows only)
     * @param maxSubjects       subjects kept in memory; the least recently seen is dropped and learns afresh
     * @param maxHashesPerWindow transaction hashes remembered per subject and window, so that a redelivered
     *                          transaction counts once; beyond it a window stops remembering
     * @param snapshotInterval  how often the baselines are saved to the database (and once at shutdown)
     * @param valueSigmas       the outflow sum of the current window hits this many robust σ above its median
     * @param countSigmas       the outflow count of the current window hits this many robust σ above its median
     * @param transactionSigmas one outflow hits this many robust σ above the median of the windows' largest outflows
     * @param relativeFloor     σ is at least this share of the median, so a flat history does not alarm on noise
     * @param peakFactor        a hit also needs the value above this multiple of the largest one in the history
     *                          (1.5: half as much again as the most seen; 0: no such condition)
     * @param assets            the chains and assets watched, with their minimum amounts and own thresholds
     */
    public record Anomaly(String id, String version, Boolean enabled, Severity severity, Category category,
                          Duration window, Integer historyWindows, Integer learningWindows,
                          Integer activeWindows, Integer maxSubjects,
                          Integer maxHashesPerWindow, Duration snapshotInterval, Double valueSigmas,
                          Double countSigmas, Double transactionSigmas, Double relativeFloor, Double peakFactor,
                          List<Asset> assets) implements RuleSettings {

        public Anomaly {
            id = text(id, "outflow-anomaly");
            version = text(version, "1");
            enabled = enabled == null || enabled;
            severity = severity != null ? severity : Severity.HIGH;
            category = category != null ? category : Category.FRAUDULENT_TRANSACTION;
            window = window != null ? positiveWindow(window, "anomaly.window") : Duration.ofHours(1);
            historyWindows = positive(historyWindows, 168, "anomaly.history-windows");
            learningWindows = positive(learningWindows, 168, "anomaly.learning-windows");
            if (learningWindows > historyWindows) {
                throw new IllegalArgumentException("anomaly.learning-windows must not exceed history-windows");
            }
            activeWindows = positive(activeWindows, 12, "anomaly.active-windows");
            if (activeWindows > historyWindows) {
                throw new IllegalArgumentException("anomaly.active-windows must not exceed history-windows");
            }
            maxSubjects = positive(maxSubjects, 10_000, "anomaly.max-subjects");
            maxHashesPerWindow = positive(maxHashesPerWindow, 4_096, "anomaly.max-hashes-per-window");
            snapshotInterval = snapshotInterval != null
                    ? positiveWindow(snapshotInterval, "anomaly.snapshot-interval") : Duration.ofMinutes(5);
            valueSigmas = positiveNumber(valueSigmas, 8, "anomaly.value-sigmas");
            countSigmas = positiveNumber(countSigmas, 8, "anomaly.count-sigmas");
            transactionSigmas = positiveNumber(transactionSigmas, 25, "anomaly.transaction-sigmas");
            relativeFloor = relativeFloor != null ? relativeFloor : 0.1;
            if (relativeFloor < 0) {
                throw new IllegalArgumentException("anomaly.relative-floor must be >= 0");
            }
            peakFactor = peakFactor != null ? peakFactor : 1.5;
            if (peakFactor < 0) {
                throw new IllegalArgumentException("anomaly.peak-factor must be >= 0");
            }
            assets = assets != null ? List.copyOf(assets) : List.of();
        }

        /**
         * One watched chain and asset. Amounts are in whole units of the asset, as transactions carry them.
         *
         * @param minWindowAmount      a window's outflow sum hits only from this amount on
         * @param minTransactionAmount one outflow hits only from this amount on
         * @param minCount             a window's outflow count hits only from this count on
         * @param addresses            the senders watched; empty for every sender on the chain
         * @param valueSigmas          overrides the rule's; likewise {@code countSigmas}, {@code transactionSigmas}
         */
        public record Asset(String chain, String asset, Boolean enabled, BigDecimal minWindowAmount,
                            BigDecimal minTransactionAmount, Integer minCount, Double valueSigmas,
                            Double countSigmas, Double transactionSigmas, List<String> addresses) {
            public Asset {
                required(chain, "anomaly.assets[].chain");
                required(asset, "anomaly.assets[].asset");
                enabled = enabled == null || enabled;
                if (minWindowAmount == null || minWindowAmount.signum() <= 0
                        || minTransactionAmount == null || minTransactionAmount.signum() <= 0) {
                    throw new IllegalArgumentException("anomaly asset " + chain + "/" + asset
                            + " needs a positive min-window-amount and min-transaction-amount");
                }
                minCount = positive(minCount, 50, "anomaly.assets[].min-count");
                addresses = addresses != null ? List.copyOf(addresses) : List.of();
            }
        }
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static Double positiveNumber(Double value, double fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (!(value > 0) || value.isInfinite()) {
            throw new IllegalArgumentException(name + " must be a positive number");
        }
        return value;
    }

    private static Duration positiveWindow(Duration window, String name) {
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
        return window;
    }
}
