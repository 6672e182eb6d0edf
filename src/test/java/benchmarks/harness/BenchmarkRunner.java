package benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a baseline and a candidate {@link Workload} in the same JVM against the same system: first a warm-up of each
 * (discarded, in halves: baseline, candidate, candidate, baseline), then {@code rounds} measured rounds that
 * alternate which of the two goes first (ABBA...), with {@code threads} concurrent client threads each taking units
 * until the phase's units are used up. Between phases it waits for the system under test to become idle (the
 * {@link Quiescer}), so that one workload's background work is not billed to the other. It measures, it does not
 * judge: nothing here fails on a figure.
 */
public final class BenchmarkRunner {

    /** Waits until the system under test has no work left from the previous phase (e.g. projections caught up). */
    @FunctionalInterface
    public interface Quiescer {
        void awaitIdle() throws InterruptedException;
    }

    public record Settings(int threads, int warmupUnits, int measuredUnits, int rounds) {
        public Settings {
            if (threads < 1 || warmupUnits < 0 || measuredUnits < 1 || rounds < 1 || rounds > measuredUnits) {
                throw new IllegalArgumentException("need threads >= 1, warm-up >= 0, measured >= 1 and"
                        + " 1 <= rounds <= measured: " + threads + "/" + warmupUnits + "/" + measuredUnits + "/"
                        + rounds);
            }
        }
    }

    /** Baseline and candidate results and their ratio. */
    public record Outcome(Settings settings, WorkloadResult baseline, WorkloadResult candidate,
                          Comparison ratio) {
    }

    private record PhaseRun(PhaseResult result, List<long[]> samples, String firstError) {
    }

    private final Settings settings;
    private final Quiescer quiescer;
    private final PrintStream out;
    private final AtomicLong nextUnit = new AtomicLong();

    public BenchmarkRunner(Settings settings, Quiescer quiescer, PrintStream out) {
        this.settings = settings;
        this.quiescer = quiescer;
        this.out = out;
    }

    public Outcome compare(Workload baseline, Workload candidate) throws InterruptedException {
        // Warm-up in halves, in the order baseline, candidate, candidate, baseline: both are equally warm, and the
        // first measured phase (baseline) directly follows its own warm-up.
        int firstHalf = settings.warmupUnits() / 2;
        int secondHalf = settings.warmupUnits() - firstHalf;
        List<Workload> warmupOrder = List.of(baseline, candidate, candidate, baseline);
        for (int i = 0; i < warmupOrder.size(); i++) {
            int units = i < 2 ? firstHalf : secondHalf;
            if (units > 0) {
                PhaseRun warmup = runPhase(warmupOrder.get(i), units, -1, 0);
                out.printf("  warm-up  %-20s %8.1f commands/s (discarded)%n", warmupOrder.get(i).name(),
                        warmup.result().commandsPerSecond());
            }
        }
        List<PhaseRun> baselineRuns = new ArrayList<>();
        List<PhaseRun> candidateRuns = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            long units = settings.measuredUnits() / settings.rounds()
                    + (round < settings.measuredUnits() % settings.rounds() ? 1 : 0);
            boolean baselineFirst = round % 2 == 0;
            List<Workload> order = baselineFirst ? List.of(baseline, candidate) : List.of(candidate, baseline);
            for (int position = 0; position < order.size(); position++) {
                Workload workload = order.get(position);
                PhaseRun run = runPhase(workload, units, round, position);
                (workload == baseline ? baselineRuns : candidateRuns).add(run);
                out.printf("  round %d  %-20s %8.1f commands/s  p50 %7.2f ms  p99 %7.2f ms%n", round + 1,
                        workload.name(), run.result().commandsPerSecond(), run.result().p50Millis(),
                        run.result().p99Millis());
            }
        }
        WorkloadResult baselineResult = aggregate(baseline, baselineRuns);
        WorkloadResult candidateResult = aggregate(candidate, candidateRuns);
        return new Outcome(settings, baselineResult, candidateResult,
                Comparison.of(baselineResult, candidateResult));
    }

    private PhaseRun runPhase(Workload workload, long units, int round, int order) throws InterruptedException {
        AtomicLong remaining = new AtomicLong(units);
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "bench-" + workload.name() + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<LatencyRecorder>> clients = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            clients.add(pool.submit(() -> {
                LatencyRecorder recorder = new LatencyRecorder();
                start.await();
                while (remaining.getAndDecrement() > 0) {
                    long unit = nextUnit.getAndIncrement();
                    try {
                        workload.runUnit(unit, recorder);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, describe(e));
                    }
                }
                return recorder;
            }));
        }
        long begin = System.nanoTime();
        start.countDown();
        List<long[]> samples = new ArrayList<>();
        try {
            for (Future<LatencyRecorder> client : clients) {
                samples.add(client.get().samples());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client thread died", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long elapsedNanos = System.nanoTime() - begin;
        pool.awaitTermination(10, TimeUnit.SECONDS);

        long drainStart = System.nanoTime();
        quiescer.awaitIdle();
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);

        LatencyStats stats = LatencyStats.of(samples);
        double seconds = elapsedNanos / 1e9;
        PhaseResult result = new PhaseResult(round + 1, order, units, stats.count(), failed.get(), round3(seconds),
                round1(stats.count() / seconds), stats.p50(), stats.p99(), drainMillis);
        if (failed.get() > 0) {
            out.printf("  !! %s: %d of %d units failed, first: %s%n", workload.name(), failed.get(), units,
                    firstError.get());
        }
        return new PhaseRun(result, samples, firstError.get());
    }

    private static WorkloadResult aggregate(Workload workload, List<PhaseRun> runs) {
        List<long[]> samples = new ArrayList<>();
        long units = 0;
        long failed = 0;
        double seconds = 0;
        String firstError = null;
        for (PhaseRun run : runs) {
            samples.addAll(run.samples());
            units += run.result().units();
            failed += run.result().failedUnits();
            seconds += run.result().elapsedSeconds();
            firstError = firstError != null ? firstError : run.firstError();
        }
        LatencyStats stats = LatencyStats.of(samples);
        return new WorkloadResult(workload.name(), workload.description(), workload.commandsPerUnit(), units,
                stats.count(), failed, firstError, round3(seconds), round1(stats.count() / seconds), stats,
                runs.stream().map(PhaseRun::result).toList());
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (caused by " + root + ")";
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
