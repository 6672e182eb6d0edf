package io.incidentledger.ledger.verify;

import java.util.BitSet;
import java.util.function.LongConsumer;

/**
 * The whole-store pass's check that every event at or below the admitter's low-water mark has a leaf, folded into
 * its two walks instead of a query of its own: the chain walk marks each event at or below the mark, the log walk
 * each leaf's event, and what is marked only by the first was passed over. One bit per global index up to the mark
 * on each side (2.5 MB at ten million events).
 *
 * <p>Only for marks a {@link BitSet} can index; beyond that the log walk asks the database instead
 * ({@link #usable()}). Each side is written by one thread, and read once both walks have ended.
 */
final class PassedOverCheck {

    private final long lowWater;
    private final BitSet stored;
    private final BitSet logged;

    PassedOverCheck(long lowWater) {
        this.lowWater = lowWater;
        boolean usable = lowWater < Integer.MAX_VALUE;
        int bits = (int) Math.max(0, lowWater + 1);
        this.stored = usable ? new BitSet(bits) : null;
        this.logged = usable ? new BitSet(bits) : null;
    }

    boolean usable() {
        return stored != null;
    }

    /** An event the chain walk read. */
    void stored(long globalIndex) {
        if (stored != null && globalIndex >= 0 && globalIndex <= lowWater) {
            stored.set((int) globalIndex);
        }
    }

    /** The event a leaf names, by its global index. */
    void logged(long globalIndex) {
        if (logged != null && globalIndex >= 0 && globalIndex <= lowWater) {
            logged.set((int) globalIndex);
        }
    }

    /** The global indices of stored events at or below the mark that no leaf names, in ascending order. */
    void forEachPassedOver(LongConsumer consumer) {
        BitSet missing = (BitSet) stored.clone();
        missing.andNot(logged);
        missing.stream().forEach(consumer::accept);
    }
}
