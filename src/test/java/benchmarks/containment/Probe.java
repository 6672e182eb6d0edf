package benchmarks.containment;

import java.util.Map;

/** One kind of sequential measurement: each call sends one detection and waits for what it measures. */
interface Probe {

    /** The name in the report and in the console. */
    String name();

    /**
     * Measures one unit on an idle instance and leaves it idle again.
     *
     * @param unit a number unique within the run (negative during the warm-up)
     * @return the unit's figures in nanoseconds, by metric name, in report order
     */
    Map<String, Long> measureOne(int unit) throws Exception;

    /** Before each block of units (a warm-up half, a measured round): sets up what the units run beside. */
    default void beginBlock() throws Exception {
    }

    /** After each block of units: takes it down again and leaves the instance idle. */
    default void endBlock() throws Exception {
    }
}
