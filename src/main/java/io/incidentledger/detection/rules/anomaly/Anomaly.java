package io.incidentledger.detection.rules.anomaly;

/**
 * An outflow far above what its subject usually does, with the numbers that explain it.
 *
 * @param kind           what was out of line
 * @param sigmas         how many robust σ ({@code max(1.4826 · MAD, floors)}) the value is above the median
 * @param value          the window's outflow sum or count, or the one outflow
 * @param median         the median of the same measure over the history
 * @param mad            its median absolute deviation
 * @param peak           the largest value of the same measure in the history
 * @param learnedWindows the windows in the history
 * @param baselineWindows the windows the baseline was taken over: all for counts, the active ones (with an
 *                       outflow) for amounts
 * @param windowStart    the start of the current window (epoch milliseconds)
 * @param windowSum      the current window's outflow sum so far
 * @param windowCount    the current window's outflow count so far
 */
public record Anomaly(Kind kind, double sigmas, double value, double median, double mad, double peak,
                      int learnedWindows, int baselineWindows, long windowStart, double windowSum, int windowCount) {

    /** The measure that was out of line. */
    public enum Kind {
        /** the sum of the outflows in the current window */
        WINDOW_AMOUNT,
        /** the number of outflows in the current window */
        WINDOW_COUNT,
        /** one outflow against the windows' largest outflows */
        TRANSACTION_AMOUNT
    }
}
