package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The sliding windows of one window rule, one per subject, bounded in memory: at most {@code maxSubjects} windows
 * (the least recently used is dropped) of at most {@code maxEvents} transactions each (the oldest are dropped).
 *
 * <p>Thread-safe: the map is guarded by its own lock and each window by its own, so requests touching different
 * subjects only meet briefly on the map.
 */
final class SlidingWindows {

    private final int maxSubjects;
    private final int maxEvents;
    private final Map<String, Window> windows;

    SlidingWindows(int maxSubjects, int maxEvents) {
        this.maxSubjects = maxSubjects;
        this.maxEvents = maxEvents;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > SlidingWindows.this.maxSubjects;
            }
        };
    }

    /** The window of a subject, created empty when it has none (or it was dropped). */
    Window window(String subject, long lengthMillis) {
        synchronized (windows) {
            return windows.computeIfAbsent(subject, key -> new Window(lengthMillis, maxEvents));
        }
    }

    int size() {
        synchronized (windows) {
            return windows.size();
        }
    }

    /** One event in a window. */
    record Event(String hash, long time, long sequence, BigDecimal amount, boolean failed) {
    }

    /**
     * The transactions of one subject whose time is within {@code lengthMillis} of the latest one seen: an event at
     * {@code t} is in the window while {@code latest - t < length}, so one exactly a window length older than the
     * latest has left it. Transactions may arrive out of order; one already outside the window on arrival is
     * ignored, and so is a hash already in the window (a redelivered batch counts once).
     *
     * <p>{@code breached} remembers that the window is over its limit, so a rule fires once per breach and again
     * only after the window has dropped back under the limit. Callers synchronize on the window.
     */
    static final class Window {

        private final long lengthMillis;
        private final int maxEvents;
        private final PriorityQueue<Event> events = new PriorityQueue<>(
                Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence));
        private final Set<String> hashes = new HashSet<>();
        private long latest = Long.MIN_VALUE;
        private long sequence;
        private BigDecimal sum = BigDecimal.ZERO;
        private int failed;
        private boolean breached;

        Window(long lengthMillis, int maxEvents) {
            this.lengthMillis = lengthMillis;
            this.maxEvents = maxEvents;
        }

        /** Adds a transaction; false when it was ignored (already counted, or too old). */
        boolean add(String hash, long time, BigDecimal amount, boolean failedTransaction) {
            if (hashes.contains(hash)) {
                return false;
            }
            if (latest != Long.MIN_VALUE && latest - time >= lengthMillis) {
                return false;
            }
            if (latest != Long.MIN_VALUE && time - latest >= lengthMillis) {
                // every event so far has left the window: it dropped back under any limit, even though no
                // transaction arrived to see it; so the window's state depends only on the last two window lengths
                breached = false;
            }
            latest = Math.max(latest, time);
            Event event = new Event(hash, time, sequence++, amount == null ? BigDecimal.ZERO : amount,
                    failedTransaction);
            events.add(event);
            hashes.add(hash);
            sum = sum.add(event.amount());
            if (failedTransaction) {
                failed++;
            }
            while (!events.isEmpty() && (latest - events.peek().time() >= lengthMillis || events.size() > maxEvents)) {
                remove(events.poll());
            }
            return true;
        }

        private void remove(Event event) {
            hashes.remove(event.hash());
            sum = sum.subtract(event.amount());
            if (event.failed()) {
                failed--;
            }
        }

        int count() {
            return events.size();
        }

        int failed() {
            return failed;
        }

        BigDecimal sum() {
            return sum;
        }

        long oldest() {
            return events.isEmpty() ? latest : events.peek().time();
        }

        long latest() {
            return latest;
        }

        /** Records whether the window is over its limit now; true when it just went over. */
        boolean breach(boolean over) {
            boolean started = over && !breached;
            breached = over;
            return started;
        }

        /** The hashes in the window, newest first, at most {@code limit}. */
        List<String> hashes(int limit) {
            List<Event> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence).reversed());
            return sorted.stream().limit(limit).map(Event::hash).toList();
        }
    }
}
