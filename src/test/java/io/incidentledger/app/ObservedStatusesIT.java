package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After every unit and web test of the build ran (failsafe, {@code ./mvnw verify}): the statuses the web tests saw
 * the API answer, as {@code ObservedStatuses} recorded them, against the statuses the OpenAPI document declares, as
 * {@link OpenApiDocumentTest} wrote it. A status seen but not declared fails; a declared success status never seen is
 * reported. When only some tests ran ({@code -Dtest=…}) only what they saw is checked; when all ran, they must have
 * reached most of the API, or the recording is broken.
 */
class ObservedStatusesIT {

    /** Of the API's 74 operations, at least this many are reached by the web tests of a full build. */
    private static final int MINIMUM_OPERATIONS_OF_A_FULL_BUILD = 60;

    private Path directory;
    private Map<String, Set<String>> declared;
    private Map<String, Map<String, Integer>> observed;

    @BeforeEach
    void load() throws IOException {
        String property = System.getProperty("incident-ledger.test.observed-statuses");
        assumeTrue(property != null, "run by Maven only (./mvnw verify): it names this build's observations");
        directory = Path.of(property);
        Path document = directory.resolve("openapi.json");
        assumeTrue(Files.exists(document), "OpenApiDocumentTest did not run in this build: no " + document);
        declared = declared(JsonMapper.builder().build().readTree(document.toFile()));
        observed = observed(directory);
        assumeTrue(!observed.isEmpty(), "no web test of this build sent a request to the API: nothing to compare");
    }

    @Test
    void everyStatusTheWebTestsSawIsOneTheDocumentDeclares() throws IOException {
        Map<String, Set<String>> undeclared = new TreeMap<>();
        Set<String> unknownOperations = new TreeSet<>();
        observed.forEach((operation, statuses) -> {
            Set<String> documented = declared.get(operation);
            if (documented == null) {
                unknownOperations.add(operation);
                return;
            }
            statuses.keySet().stream().filter(status -> !documented.contains(status))
                    .forEach(status -> undeclared.computeIfAbsent(operation, key -> new TreeSet<>()).add(status));
        });
        Map<String, Set<String>> successNeverSeen = new TreeMap<>();
        declared.forEach((operation, statuses) -> statuses.stream()
                .filter(status -> status.startsWith("2"))
                .filter(status -> !observed.getOrDefault(operation, Map.of()).containsKey(status))
                .forEach(status -> successNeverSeen.computeIfAbsent(operation, key -> new TreeSet<>()).add(status)));
        long reached = observed.keySet().stream().filter(declared::containsKey).count();
        report(undeclared, unknownOperations, successNeverSeen, reached);

        assertThat(undeclared).as("statuses the web tests saw that the OpenAPI document does not declare"
                + " (see " + directory.resolve("report.txt") + ")").isEmpty();
        if (allTestsRan()) {
            assertThat(reached).as("operations of the document the web tests reached in a full build")
                    .isGreaterThanOrEqualTo(MINIMUM_OPERATIONS_OF_A_FULL_BUILD);
        }
    }

    /** Maven passes the unit tests' selection; unset or empty, all of them ran. */
    private static boolean allTestsRan() {
        String selection = System.getProperty("incident-ledger.test.selection", "");
        return selection.isBlank() || selection.startsWith("${");
    }

    private static Map<String, Set<String>> declared(JsonNode document) {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                declared.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        new TreeSet<>(operation.getValue().path("responses").propertyNames()));
            }
        }
        return declared;
    }

    /** Operation to status to how often it was seen, from every JVM's file of this build. */
    private static Map<String, Map<String, Integer>> observed(Path directory) throws IOException {
        Map<String, Map<String, Integer>> observed = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return observed;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".tsv")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t");
                    if (fields.length == 3) {
                        observed.computeIfAbsent(fields[0] + " " + fields[1], key -> new TreeMap<>())
                                .merge(fields[2], 1, Integer::sum);
                    }
                }
            }
        }
        return observed;
    }

    private void report(Map<String, Set<String>> undeclared, Set<String> unknownOperations,
                        Map<String, Set<String>> successNeverSeen, long reached) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Operations of the OpenAPI document reached by the web tests: " + reached + " of "
                + declared.size() + (allTestsRan() ? "" : " (only some tests ran)"));
        lines.add("");
        lines.add("Seen but not declared (a failure):");
        undeclared.forEach((operation, statuses) -> lines.add("  " + operation + " " + statuses
                + " (seen " + observed.get(operation) + ", declared " + declared.get(operation) + ")"));
        lines.add("");
        lines.add("Declared success statuses no web test saw:");
        successNeverSeen.forEach((operation, statuses) -> lines.add("  " + operation + " " + statuses));
        lines.add("");
        lines.add("Requests to handlers the document does not describe (test-only controllers):");
        unknownOperations.forEach(operation -> lines.add("  " + operation + " " + observed.get(operation)));
        lines.add("");
        lines.add("Everything seen:");
        observed.forEach((operation, statuses) -> lines.add("  " + operation + " " + statuses));
        Files.write(directory.resolve("report.txt"), lines, StandardCharsets.UTF_8);
        System.out.println(String.join(System.lineSeparator(), lines.subList(0, lines.indexOf("Everything seen:"))));
    }
}
