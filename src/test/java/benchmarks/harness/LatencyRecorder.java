package benchmarks.harness;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** Per-client-thread store of command latencies in nanoseconds (System.nanoTime). Not thread-safe: one per thread. */
public final class LatencyRecorder {

    private long[] samples = new long[1024];
    private int count;

    /** Runs {@code command}, records how long it took (also when it fails), and returns its result. */
    public <T> T time(Callable<T> command) throws Exception {
        long start = System.nanoTime();
        try {
            return command.call();
        } finally {
            record(System.nanoTime() - start);
        }
    }

    public void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public int count() {
        return count;
    }

    long[] samples() {
        return Arrays.copyOf(samples, count);
    }

    /** A copy of the recorded latencies in nanoseconds. */
    public long[] samplesCopy() {
        return Arrays.copyOf(samples, count);
    }
}
