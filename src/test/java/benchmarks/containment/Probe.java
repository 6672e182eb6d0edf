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
}
