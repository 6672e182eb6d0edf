package benchmarks.harness;

/**
 * One kind of work the {@link BenchmarkRunner} drives: a unit of work is a fixed sequence of commands (for example one
 * incident's report and its transitions), and each command is timed through the {@link LatencyRecorder}.
 * Implementations must be safe to call from several client threads at once; each call gets its own unit number.
 */
public interface Workload {

    /** Short stable name, used as the JSON key of the result. */
    String name();

    /** One line saying what a unit of this workload does. */
    String description();

    /** How many commands one unit sends, for the report. */
    int commandsPerUnit();

    /**
     * Performs unit {@code unit} (unique within the run, across warm-up and measured phases), timing every command
     * with {@code recorder.time(...)}. An exception aborts the unit and is counted as a failed unit.
     */
    void runUnit(long unit, LatencyRecorder recorder) throws Exception;
}
