package io.incidentledger.detection.rules.anomaly;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.incidentledger.detection.rules.ChainTransaction;

/**
 * A labelled, seeded, deterministic stream of outflows for measuring the anomaly rule (docs/anomalies.md,
 * "Evaluation"). Subjects are exchange hot wallets, bridges and ordinary wallets on {@code ethereum}, in ETH or USDC,
 * plus one-off senders; each has a diurnal rate with quieter weekends, busy hours (one in fifty, 1.5–3 times the rate)
 * and log-normal amounts with a Pareto tail; hot wallets and bridges also make occasional legitimately large
 * withdrawals of 10–100 typical amounts (hard negatives, {@code hardNegativesPerSubjectDay}). After {@code learningDays}, drains modelled on
 * real incidents (reference/regulatory-clocks-and-detections.md, section 2.4) are injected:
 * <ul>
 *     <li>{@link Kind#HOT_WALLET_BURST}: Coincheck, Upbit, Binance: a burst of 3–30 large outflows over 2–30 minutes
 *     taking 30–100 % of a hot wallet holding 1–4 days of its outflow;</li>
 *     <li>{@link Kind#BRIDGE_FEW_TRANSACTIONS}: Ronin (two transactions): 1–4 outflows within 1–20 minutes taking
 *     50–100 % of a bridge holding 10–100 days of its outflow;</li>
 *     <li>{@link Kind#BRIDGE_COPYCATS}: Nomad: 40–300 outflows of one to five typical amounts within 20–120 minutes.</li>
 * </ul>
 */
public final class SyntheticOutflows {

    static final String CHAIN = "ethereum";
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final long HOUR = 3_600_000L;
    private static final MathContext DIGITS = new MathContext(8);

    public enum Kind { HOT_WALLET_BURST, BRIDGE_FEW_TRANSACTIONS, BRIDGE_COPYCATS }

    public enum Role { HOT_WALLET, BRIDGE, WALLET }

    /** The shape of a stream. */
    public record Shape(long seed, int days, int learningDays, int hotWallets, int bridges, int wallets,
                 double oneOffShare, double hardNegativesPerSubjectDay) {
    }

    /** One watched subject and what it does. */
    public record Subject(String address, String asset, Role role, double rate, double typical, double amplitude,
                   double phase) {
        /** Expected outflow per hour at the peak of the day. */
        double peakHourOutflow() {
            return rate * (1 + amplitude) * typical * StrictMath.exp(0.5 * 1.1 * 1.1);
        }
    }

    /** One injected drain: its transactions are labelled with its index. */
    public record Incident(int index, Kind kind, Subject subject, long start, long end, int transactions, double total) {
    }

    /** A draw of the stream. */
    public static final class Stream {
        final List<Subject> subjects = new ArrayList<>();
        final List<Incident> incidents = new ArrayList<>();
        /** transaction hash → incident index */
        final Map<String, Integer> drains = new HashMap<>();
        /** transaction hash → the subject's typical amount, for legitimately large withdrawals */
        final Map<String, Double> hardNegatives = new HashMap<>();
        public long transactions;
        /** transactions after the learning days, when the rule may hit */
        long armedTransactions;
    }

    private final Shape shape;
    private final SplittableRandom random;
    private final Stream stream = new Stream();
    private long counter;

    public SyntheticOutflows(Shape shape) {
        this.shape = shape;
        this.random = new SplittableRandom(shape.seed());
        for (int i = 0; i < shape.hotWallets(); i++) {
            String asset = i % 3 == 2 ? "USDC" : "ETH";
            stream.subjects.add(subject("0x" + "a".repeat(8) + hex(i, 32), asset, Role.HOT_WALLET,
                    logUniform(20, 400), asset.equals("ETH") ? logUniform(0.2, 5) : logUniform(200, 5_000)));
        }
        for (int i = 0; i < shape.bridges(); i++) {
            String asset = i % 2 == 1 ? "USDC" : "ETH";
            stream.subjects.add(subject("0x" + "b".repeat(8) + hex(i, 32), asset, Role.BRIDGE,
                    logUniform(3, 40), asset.equals("ETH") ? logUniform(1, 20) : logUniform(1_000, 50_000)));
        }
        for (int i = 0; i < shape.wallets(); i++) {
            String asset = i % 2 == 1 ? "USDC" : "ETH";
            stream.subjects.add(subject("0x" + "c".repeat(8) + hex(i, 32), asset, Role.WALLET,
                    logUniform(0.05, 3), asset.equals("ETH") ? logUniform(0.5, 50) : logUniform(500, 100_000)));
        }
        planIncidents();
    }

    public Stream stream() {
        return stream;
    }

    private Subject subject(String address, String asset, Role role, double rate, double typical) {
        return new Subject(address, asset, role, rate, typical, 0.3 + 0.5 * random.nextDouble(),
                random.nextDouble() * 24);
    }

    /** One drain on each hot wallet and bridge, at a random time after the learning days. */
    private void planIncidents() {
        long from = START.toEpochMilli() + shape.learningDays() * 24 * HOUR;
        long span = (shape.days() - shape.learningDays()) * 24 * HOUR - 3 * HOUR;
        for (Subject subject : stream.subjects) {
            if (subject.role() == Role.WALLET) {
                continue;
            }
            double daily = subject.rate() * 24 * subject.typical() * StrictMath.exp(0.5 * 1.1 * 1.1);
            long start = from + (long) (random.nextDouble() * span);
            Kind kind;
            int count;
            long duration;
            double total;
            if (subject.role() == Role.HOT_WALLET) {
                kind = Kind.HOT_WALLET_BURST;
                count = 3 + random.nextInt(28);
                duration = (long) ((2 + 28 * random.nextDouble()) * 60_000);
                total = daily * (1 + 3 * random.nextDouble()) * (0.3 + 0.7 * random.nextDouble());
            } else if (random.nextDouble() < 0.6) {
                kind = Kind.BRIDGE_FEW_TRANSACTIONS;
                count = 1 + random.nextInt(4);
                duration = (long) ((1 + 19 * random.nextDouble()) * 60_000);
                total = daily * logUniform(10, 100) * (0.5 + 0.5 * random.nextDouble());
            } else {
                kind = Kind.BRIDGE_COPYCATS;
                count = 40 + random.nextInt(261);
                duration = (long) ((20 + 100 * random.nextDouble()) * 60_000);
                total = 0;
            }
            stream.incidents.add(new Incident(stream.incidents.size(), kind, subject, start, start + duration, count,
                    total));
        }
    }

    /** Generates the stream hour by hour, each hour's transactions in time order. */
    public void generate(Consumer<List<ChainTransaction>> hourly) {
        long begin = START.toEpochMilli();
        List<Timed> hour = new ArrayList<>();
        for (int h = 0; h < shape.days() * 24; h++) {
            long hourStart = begin + h * HOUR;
            double hourOfDay = h % 24;
            int dayOfWeek = (h / 24) % 7;
            double weekday = dayOfWeek >= 5 ? 0.7 : 1.0;
            double structured = 0;
            for (Subject subject : stream.subjects) {
                double busy = random.nextDouble() < 0.02 ? 1.5 + 1.5 * random.nextDouble() : 1;
                double rate = subject.rate() * weekday * busy
                        * (1 + subject.amplitude() * StrictMath.sin(2 * Math.PI * (hourOfDay - subject.phase()) / 24));
                int count = poisson(rate);
                structured += count;
                for (int i = 0; i < count; i++) {
                    hour.add(new Timed(hourStart + (long) (random.nextDouble() * HOUR),
                            subject.address(), subject.asset(), amount(subject.typical()), null));
                }
                if (subject.role() != Role.WALLET
                        && random.nextDouble() < shape.hardNegativesPerSubjectDay() / 24) {
                    hour.add(new Timed(hourStart + (long) (random.nextDouble() * HOUR), subject.address(),
                            subject.asset(), subject.typical() * logUniform(10, 100), subject.typical()));
                }
            }
            int oneOffs = poisson(structured * shape.oneOffShare() / (1 - shape.oneOffShare()));
            for (int i = 0; i < oneOffs; i++) {
                hour.add(new Timed(hourStart + (long) (random.nextDouble() * HOUR),
                        "0x" + "d".repeat(8) + hex(random.nextLong() & Long.MAX_VALUE, 32), "ETH", amount(0.5),
                        null));
            }
            for (Incident incident : stream.incidents) {
                if (incident.start() >= hourStart && incident.start() < hourStart + HOUR) {
                    inject(incident, hour);
                }
            }
            hour.sort(Comparator.comparingLong(Timed::time));
            List<ChainTransaction> transactions = new ArrayList<>(hour.size());
            for (Timed timed : hour) {
                String hash = "0x" + hex(++counter, 64);
                transactions.add(new ChainTransaction(CHAIN, hash, 19_000_000 + timed.time() / 12_000,
                        Instant.ofEpochMilli(timed.time()), timed.from(), "0x" + "e".repeat(40), timed.asset(),
                        new BigDecimal(timed.amount(), DIGITS), null, ChainTransaction.Status.SUCCESS));
                if (timed.incident() != null) {
                    stream.drains.put(hash, timed.incident());
                } else if (timed.typical() != null) {
                    stream.hardNegatives.put(hash, timed.typical());
                }
            }
            stream.transactions += transactions.size();
            if (h >= shape.learningDays() * 24) {
                stream.armedTransactions += transactions.size();
            }
            hour.clear();
            hourly.accept(transactions);
        }
    }

    /** A drain's transactions all go into the hour it starts in, with their own times (it may run into the next). */
    private void inject(Incident incident, List<Timed> hour) {
        double[] weights = new double[incident.transactions()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.2 + random.nextDouble();
            sum += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            long time = incident.start() + (long) ((incident.end() - incident.start()) * (double) i
                    / Math.max(1, weights.length - 1));
            double amount = incident.kind() == Kind.BRIDGE_COPYCATS
                    ? incident.subject().typical() * (1 + 4 * random.nextDouble())
                    : incident.total() * weights[i] / sum;
            hour.add(new Timed(time, incident.subject().address(), incident.subject().asset(), amount, null,
                    incident.index()));
        }
    }

    private record Timed(long time, String from, String asset, double amount, Double typical, Integer incident) {
        Timed(long time, String from, String asset, double amount, Double typical) {
            this(time, from, asset, amount, typical, null);
        }
    }

    /** Log-normal around the typical amount (σ 1.1), and one in fifty from a Pareto tail (α 1.5) up to 200 times it. */
    private double amount(double typical) {
        if (random.nextDouble() < 0.02) {
            return typical * Math.min(200, 3 * StrictMath.pow(1 - random.nextDouble(), -1 / 1.5));
        }
        return typical * StrictMath.exp(1.1 * gaussian());
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }

    private int poisson(double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
        }
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private double logUniform(double low, double high) {
        return StrictMath.exp(StrictMath.log(low) + random.nextDouble() * (StrictMath.log(high) - StrictMath.log(low)));
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }
}
