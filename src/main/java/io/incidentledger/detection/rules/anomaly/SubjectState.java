package io.incidentledger.detection.rules.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The outflow history of one subject (chain, sender, asset): the current window's sum, count and largest outflow,
 * the last {@code history} closed windows' in three rings, and the robust baselines computed from those rings when a
 * window closes. Scoring the current window is O(1); closing one sorts the rings (once per subject and window).
 *
 * <p>Callers synchronize on the instance.
 */
final class SubjectState {

    static final int FORMAT = 1;
    /** 1.4826 · MAD estimates σ for normally distributed values. */
    static final double MAD_TO_SIGMA = 1.4826;

    private final int history;
    /** allocated when the first window closes, so a sender seen once costs little */
    private float[] sums;
    private float[] counts;
    private float[] maxima;
    private int head;
    private int filled;
    /** windows in the history with at least one outflow */
    private int active;

    private long window = Long.MIN_VALUE;
    private double sum;
    private int count;
    private double max;
    private boolean fired;

    /** median, MAD and peak of sums, counts and maxima, in that order */
    private final double[] baseline = new double[9];

    /** fingerprints of this window's transactions: open addressing, 0 is empty */
    private long[] hashes;
    private int hashCount;
    private boolean dirty;
    /**
     * the Kafka partition (topic-partition) whose records were last counted here, null when none was: not part of
     * the serialised state, saved beside it (AnomalyBaselineStore)
     */
    private String partition;

    SubjectState(int history) {
        this.history = history;
        hashes = new long[8];
    }

    enum Added { COUNTED, DUPLICATE, LATE }

    /**
     * Adds an outflow to the window {@code windowIndex}; an earlier window than the current one is late (its window
     * is closed) and a fingerprint already seen in the current window a duplicate: neither is counted.
     */
    Added add(long fingerprint, long windowIndex, double amount, int maxHashes) {
        if (window == Long.MIN_VALUE) {
            window = windowIndex;
        } else if (windowIndex < window) {
            return Added.LATE;
        } else if (windowIndex > window) {
            close(windowIndex);
        }
        if (!remember(fingerprint == 0 ? 1 : fingerprint, maxHashes)) {
            return Added.DUPLICATE;
        }
        sum += amount;
        count++;
        if (amount > max) {
            max = amount;
        }
        dirty = true;
        return Added.COUNTED;
    }

    private void close(long next) {
        push(sum, count, max);
        long empty = Math.min(next - window - 1, history);
        for (long i = 0; i < empty; i++) {
            push(0, 0, 0);
        }
        window = next;
        sum = 0;
        count = 0;
        max = 0;
        fired = false;
        if (hashes.length > 64 && hashCount < hashes.length / 8) {
            hashes = new long[Math.max(8, Integer.highestOneBit(Math.max(1, hashCount)) * 4)];
        } else {
            Arrays.fill(hashes, 0L);
        }
        hashCount = 0;
        recompute();
    }

    private void push(double windowSum, int windowCount, double windowMax) {
        if (sums == null) {
            sums = new float[history];
            counts = new float[history];
            maxima = new float[history];
        }
        sums[head] = (float) windowSum;
        counts[head] = windowCount;
        maxima[head] = (float) windowMax;
        head = (head + 1) % history;
        if (filled < history) {
            filled++;
        }
    }

    /**
     * Counts over every window (a quiet hour is a count of 0); sums and largest outflows over the active windows
     * only, so that a subject idle most hours has a baseline of what it moves when it moves something.
     */
    private void recompute() {
        float[] scratch = new float[filled];
        active = 0;
        for (int i = 0; i < filled; i++) {
            if (counts[i] > 0) {
                active++;
            }
        }
        robust(sums, scratch, 0, true);
        robust(counts, scratch, 3, false);
        robust(maxima, scratch, 6, true);
    }

    private void robust(float[] ring, float[] scratch, int at, boolean activeOnly) {
        int n = 0;
        for (int i = 0; i < filled; i++) {
            if (!activeOnly || counts[i] > 0) {
                scratch[n++] = ring[i];
            }
        }
        if (n == 0) {
            baseline[at] = 0;
            baseline[at + 1] = 0;
            baseline[at + 2] = 0;
            return;
        }
        Arrays.sort(scratch, 0, n);
        double median = median(scratch, n);
        double peak = scratch[n - 1];
        for (int i = 0; i < n; i++) {
            scratch[i] = (float) Math.abs(scratch[i] - median);
        }
        Arrays.sort(scratch, 0, n);
        baseline[at] = median;
        baseline[at + 1] = median(scratch, n);
        baseline[at + 2] = peak;
    }

    private static double median(float[] sorted, int n) {
        return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    }

    private boolean remember(long fingerprint, int maxHashes) {
        int mask = hashes.length - 1;
        int slot = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
        while (hashes[slot] != 0) {
            if (hashes[slot] == fingerprint) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (hashCount >= maxHashes) {
            // beyond the bound the window stops remembering: a redelivery is then counted again
            return true;
        }
        hashes[slot] = fingerprint;
        hashCount++;
        if (hashCount * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    private void grow() {
        long[] old = hashes;
        hashes = new long[old.length * 2];
        int mask = hashes.length - 1;
        for (long fingerprint : old) {
            if (fingerprint != 0) {
                int slot = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
                while (hashes[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = fingerprint;
            }
        }
    }

    /**
     * Scores the current window after an outflow of {@code amount} was counted: the measure furthest beyond its
     * threshold, or null when none is beyond, the subject is still learning or has already hit in this window.
     */
    Anomaly score(double amount, int learningWindows, int activeWindows, long windowMillis,
                  AnomalyThresholds thresholds) {
        if (fired || filled < learningWindows || active < activeWindows) {
            return null;
        }
        Anomaly best = null;
        double bestRatio = 0;
        double sigma = sigma(0, thresholds.relativeFloor(), thresholds.minWindowAmount() / thresholds.valueSigmas());
        double z = (sum - baseline[0]) / sigma;
        if (z >= thresholds.valueSigmas() && sum >= thresholds.minWindowAmount()
                && sum > thresholds.peakFactor() * baseline[2]) {
            best = anomaly(Anomaly.Kind.WINDOW_AMOUNT, z, sum, 0, windowMillis);
            bestRatio = z / thresholds.valueSigmas();
        }
        sigma = sigma(6, thresholds.relativeFloor(), thresholds.minTransactionAmount() / thresholds.transactionSigmas());
        z = (amount - baseline[6]) / sigma;
        if (z >= thresholds.transactionSigmas() && amount >= thresholds.minTransactionAmount()
                && amount > thresholds.peakFactor() * baseline[8] && z / thresholds.transactionSigmas() > bestRatio) {
            best = anomaly(Anomaly.Kind.TRANSACTION_AMOUNT, z, amount, 6, windowMillis);
            bestRatio = z / thresholds.transactionSigmas();
        }
        sigma = sigma(3, thresholds.relativeFloor(), Math.max(1, thresholds.minCount() / thresholds.countSigmas()));
        z = (count - baseline[3]) / sigma;
        if (z >= thresholds.countSigmas() && count >= thresholds.minCount()
                && count > thresholds.peakFactor() * baseline[5] && z / thresholds.countSigmas() > bestRatio) {
            best = anomaly(Anomaly.Kind.WINDOW_COUNT, z, count, 3, windowMillis);
        }
        if (best != null) {
            fired = true;
            dirty = true;
        }
        return best;
    }

    private double sigma(int at, double relativeFloor, double absoluteFloor) {
        return Math.max(Math.max(MAD_TO_SIGMA * baseline[at + 1], relativeFloor * baseline[at]), absoluteFloor);
    }

    private Anomaly anomaly(Anomaly.Kind kind, double z, double value, int at, long windowMillis) {
        return new Anomaly(kind, z, value, baseline[at], baseline[at + 1], baseline[at + 2], filled,
                at == 3 ? filled : active, window * windowMillis, sum, count);
    }

    int learnedWindows() {
        return filled;
    }

    String partition() {
        return partition;
    }

    /** Notes the partition whose records are counted here; a null partition (not from Kafka) leaves it as it is. */
    void countedFrom(String partition) {
        if (partition != null) {
            this.partition = partition;
        }
    }

    /** Whether it changed since the last {@link #snapshot()} taken with {@code clean}. */
    boolean dirty() {
        return dirty;
    }

    /** The whole state, in a form {@link #restore} reads back to an equal state. */
    byte[] snapshot(boolean clean) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 12 * filled + 8 * hashCount);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(history);
            out.writeInt(filled);
            // oldest first, so the ring restores whatever its head was
            for (int i = 0; i < filled; i++) {
                int at = Math.floorMod(head - filled + i, history);
                out.writeFloat(sums[at]);
                out.writeFloat(counts[at]);
                out.writeFloat(maxima[at]);
            }
            out.writeLong(window);
            out.writeDouble(sum);
            out.writeInt(count);
            out.writeDouble(max);
            out.writeBoolean(fired);
            // sorted, so that equal states give equal bytes whatever their tables' layout
            long[] remembered = Arrays.stream(hashes).filter(fingerprint -> fingerprint != 0).sorted().toArray();
            out.writeInt(remembered.length);
            for (long fingerprint : remembered) {
                out.writeLong(fingerprint);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (clean) {
            dirty = false;
        }
        return bytes.toByteArray();
    }

    /** A state read from a snapshot, its history cut or padded to {@code history} windows; null if unreadable. */
    static SubjectState restore(byte[] snapshot, int history, int maxHashes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readByte() != FORMAT) {
                return null;
            }
            in.readInt();
            int stored = in.readInt();
            SubjectState state = new SubjectState(history);
            for (int i = 0; i < stored; i++) {
                float windowSum = in.readFloat();
                float windowCount = in.readFloat();
                float windowMax = in.readFloat();
                state.push(windowSum, (int) windowCount, windowMax);
            }
            state.window = in.readLong();
            state.sum = in.readDouble();
            state.count = in.readInt();
            state.max = in.readDouble();
            state.fired = in.readBoolean();
            int remembered = in.readInt();
            for (int i = 0; i < remembered; i++) {
                state.remember(in.readLong(), Math.max(maxHashes, remembered));
            }
            state.recompute();
            return state;
        } catch (IOException e) {
            return null;
        }
    }
}
