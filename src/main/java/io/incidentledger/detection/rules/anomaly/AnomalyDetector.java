package io.incidentledger.detection.rules.anomaly;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Per-subject outflow baselines and their scoring (docs/anomalies.md). A subject is a sender of one asset on one
 * chain; each has its own {@link SubjectState}. Memory is bounded: at most {@code maxSubjects} subjects, spread over
 * stripes, each stripe dropping its least recently seen subject when full (the subject then learns afresh).
 *
 * <p>Thread-safe. A transaction takes its stripe's lock only to find its subject, then the subject's own lock to count
 * and score: no lock is held across subjects.
 */
public final class AnomalyDetector {

    private static final int STRIPE_BITS = 4;
    private static final int STRIPES = 1 << STRIPE_BITS;
    /** evicted subjects remembered for the next save; beyond it the next save rewrites everything */
    private static final int MAX_EVICTED = 100_000;

    private final long windowMillis;
    private final int history;
    private final int learningWindows;
    private final int activeWindows;
    private final int maxHashes;
    private final Stripe[] stripes = new Stripe[STRIPES];

    /**
     * @param activeWindows windows with an outflow a subject needs in its history (beside {@code learningWindows}
     *                      windows in all) before it may hit
     */
    public AnomalyDetector(long windowMillis, int history, int learningWindows, int activeWindows, int maxSubjects,
                           int maxHashes) {
        if (windowMillis <= 0 || history <= 0 || learningWindows <= 0 || learningWindows > history
                || activeWindows <= 0 || activeWindows > history || maxSubjects <= 0 || maxHashes <= 0) {
            throw new IllegalArgumentException("invalid anomaly detector bounds");
        }
        this.windowMillis = windowMillis;
        this.history = history;
        this.learningWindows = learningWindows;
        this.activeWindows = activeWindows;
        this.maxHashes = maxHashes;
        int perStripe = Math.max(1, (maxSubjects + STRIPES - 1) / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    public long windowMillis() {
        return windowMillis;
    }

    public int historyWindows() {
        return history;
    }

    /**
     * Counts one outflow of {@code amount} by {@code subject} at {@code timeMillis} and scores the subject's current
     * window: the anomaly, or null. A transaction already counted in the current window (same fingerprint) and one
     * older than the current window are not counted and never hit.
     *
     * @param partition the Kafka partition (topic-partition) the transaction was read from, null when it came
     *                  another way: a subject is handed over with its partition ({@link #release})
     */
    public Anomaly observe(String subject, String partition, long fingerprint, long timeMillis, double amount,
                           AnomalyThresholds thresholds) {
        SubjectState state = stripe(subject).get(subject, history);
        long windowIndex = Math.floorDiv(timeMillis, windowMillis);
        synchronized (state) {
            state.countedFrom(partition);
            if (state.add(fingerprint, windowIndex, amount, maxHashes) != SubjectState.Added.COUNTED) {
                return null;
            }
            return state.score(amount, learningWindows, activeWindows, windowMillis, thresholds);
        }
    }

    /** Subjects in memory. */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.subjects.size();
            }
        }
        return size;
    }

    /** Closed windows in a subject's history, or -1 when it is not in memory. */
    public int learnedWindows(String subject) {
        Stripe stripe = stripe(subject);
        SubjectState state;
        synchronized (stripe) {
            state = stripe.subjects.get(subject);
        }
        if (state == null) {
            return -1;
        }
        synchronized (state) {
            return state.learnedWindows();
        }
    }

    /** Every subject's state, as {@link #restore} reads it. */
    public Map<String, byte[]> snapshot() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (Stripe stripe : stripes) {
            for (Map.Entry<String, SubjectState> entry : stripe.entries()) {
                synchronized (entry.getValue()) {
                    all.put(entry.getKey(), entry.getValue().snapshot(false));
                }
            }
        }
        return all;
    }

    /** Receives a subject's serialised state and the partition it was last counted from (null: none). */
    @FunctionalInterface
    public interface Changed {

        void accept(String subject, String partition, byte[] state);
    }

    /**
     * What changed since the last call: each changed subject's state to {@code changed}, and each subject dropped
     * from memory to {@code dropped}. Returns false when too many were dropped to remember them all: then the caller
     * should replace every saved state by those given (all subjects are given as changed).
     */
    public boolean changes(Changed changed, Consumer<String> dropped) {
        boolean complete = true;
        List<Map.Entry<String, SubjectState>> entries = new ArrayList<>();
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                if (stripe.overflow) {
                    complete = false;
                }
            }
        }
        for (Stripe stripe : stripes) {
            List<String> gone;
            synchronized (stripe) {
                gone = new ArrayList<>(stripe.evicted);
                stripe.evicted.clear();
                stripe.overflow = false;
            }
            if (complete) {
                gone.forEach(dropped);
            }
            entries.addAll(stripe.entries());
        }
        for (Map.Entry<String, SubjectState> entry : entries) {
            save(entry.getKey(), entry.getValue(), !complete, changed);
        }
        return complete;
    }

    private static void save(String subject, SubjectState state, boolean always, Changed changed) {
        byte[] bytes = null;
        String partition;
        synchronized (state) {
            partition = state.partition();
            if (always || state.dirty()) {
                bytes = state.snapshot(true);
            }
        }
        if (bytes != null) {
            changed.accept(subject, partition, bytes);
        }
    }

    /**
     * Hands the subjects last counted from {@code partitions} over: removes them from memory (not as dropped: their
     * saved rows stay) and gives those that changed since the last {@link #changes} call to {@code changed}, to be
     * saved for the partition's next owner.
     */
    public void release(Collection<String> partitions, Changed changed) {
        Set<String> released = Set.copyOf(partitions);
        for (Stripe stripe : stripes) {
            List<Map.Entry<String, SubjectState>> removed = new ArrayList<>();
            synchronized (stripe) {
                Iterator<Map.Entry<String, SubjectState>> entries = stripe.subjects.entrySet().iterator();
                while (entries.hasNext()) {
                    Map.Entry<String, SubjectState> entry = entries.next();
                    String partition;
                    synchronized (entry.getValue()) {
                        partition = entry.getValue().partition();
                    }
                    if (partition != null && released.contains(partition)) {
                        removed.add(Map.entry(entry.getKey(), entry.getValue()));
                        entries.remove();
                    }
                }
            }
            removed.forEach(entry -> save(entry.getKey(), entry.getValue(), false, changed));
        }
    }

    /** Marks every subject as changed, e.g. after a failed save. */
    public void markAllChanged() {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                stripe.overflow = true;
            }
        }
    }

    /**
     * Puts a saved state back, in place of any the subject has in memory; false when it could not be read (it is
     * then ignored).
     *
     * @param partition the partition the subject was last counted from, as saved beside its state (null: none)
     */
    public boolean restore(String subject, byte[] snapshot, String partition) {
        SubjectState state = SubjectState.restore(snapshot, history, maxHashes);
        if (state == null) {
            return false;
        }
        state.countedFrom(partition);
        Stripe stripe = stripe(subject);
        synchronized (stripe) {
            stripe.subjects.put(subject, state);
            stripe.evicted.remove(subject);
        }
        return true;
    }

    /**
     * The stripe of a subject, from the top bits of its hash scrambled (Fibonacci hashing). Not from its low bits: the
     * stripe's map picks buckets by those, so a stripe chosen by them would use a sixteenth of its buckets, and
     * their lists would grow into trees.
     */
    private Stripe stripe(String subject) {
        return stripes[(subject.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS)];
    }

    /** A 64-bit fingerprint of a transaction hash (FNV-1a), what a window remembers to count a redelivery once. */
    public static long fingerprint(String hash) {
        long value = 0xcbf29ce484222325L;
        for (int i = 0; i < hash.length(); i++) {
            value ^= hash.charAt(i);
            value *= 0x100000001b3L;
        }
        return value;
    }

    /** One stripe of subjects, in access order; guarded by its own monitor. */
    private static final class Stripe {

        private final Set<String> evicted = new LinkedHashSet<>();
        private boolean overflow;
        private final LinkedHashMap<String, SubjectState> subjects;

        Stripe(int capacity) {
            subjects = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SubjectState> eldest) {
                    if (size() <= capacity) {
                        return false;
                    }
                    if (evicted.size() < MAX_EVICTED / STRIPES) {
                        evicted.add(eldest.getKey());
                    } else {
                        overflow = true;
                    }
                    return true;
                }
            };
        }

        synchronized SubjectState get(String subject, int history) {
            SubjectState state = subjects.get(subject);
            if (state == null) {
                state = new SubjectState(history);
                subjects.put(subject, state);
                evicted.remove(subject);
            }
            return state;
        }

        synchronized List<Map.Entry<String, SubjectState>> entries() {
            List<Map.Entry<String, SubjectState>> entries = new ArrayList<>(subjects.size());
            subjects.forEach((subject, state) -> entries.add(Map.entry(subject, state)));
            return entries;
        }
    }
}
