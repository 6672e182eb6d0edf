package benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes an {@link BenchmarkRunner.Outcome} as JSON ({@code <dir>/<name>.json}) and as a short human summary. */
public final class BenchmarkReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchmarkReport() {
    }

    /** The common environment facts; callers add what they know about the system under test. */
    public static Map<String, Object> jvmEnvironment() {
        Map<String, Object> env = new LinkedHashMap<>();
        Runtime runtime = Runtime.getRuntime();
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVendor", System.getProperty("java.vendor"));
        env.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("availableProcessors", runtime.availableProcessors());
        env.put("maxHeapBytes", runtime.maxMemory());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return env;
    }

    public static Path write(Path directory, String name, String description, BenchmarkRunner.Outcome outcome,
                             Map<String, Object> environment) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", name);
        report.put("description", description);
        report.put("timestamp", Instant.now().toString());
        report.put("environment", environment);
        report.put("settings", outcome.settings());
        report.put("baseline", outcome.baseline());
        report.put("candidate", outcome.candidate());
        report.put("ratio", outcome.ratio());
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".json");
        JSON.writeValue(file.toFile(), report);
        return file;
    }

    public static void printSummary(PrintStream out, BenchmarkRunner.Outcome outcome) {
        out.println();
        out.printf("%-22s %12s %10s %10s %10s %8s%n", "workload", "commands/s", "p50 ms", "p99 ms", "max ms",
                "commands");
        for (WorkloadResult result : new WorkloadResult[] {outcome.baseline(), outcome.candidate()}) {
            out.printf("%-22s %12.1f %10.2f %10.2f %10.2f %8d%n", result.name(), result.commandsPerSecond(),
                    result.latencyMillis().p50(), result.latencyMillis().p99(), result.latencyMillis().max(),
                    result.commands());
        }
        Comparison ratio = outcome.ratio();
        out.printf("%-22s %12.3f %10.3f %10.3f %10.3f%n", "candidate/baseline", ratio.throughput(),
                ratio.latencyP50(), ratio.latencyP99(), ratio.latencyMax());
        out.printf("throughput ratio by round %s, median %.3f%n", ratio.throughputByRound(),
                ratio.throughputMedianOfRounds());
        long failed = outcome.baseline().failedUnits() + outcome.candidate().failedUnits();
        if (failed > 0) {
            out.printf("WARNING: %d units failed; first error: %s%n", failed,
                    outcome.candidate().firstError() != null ? outcome.candidate().firstError()
                            : outcome.baseline().firstError());
        }
    }
}
