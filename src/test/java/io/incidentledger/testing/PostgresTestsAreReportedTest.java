package io.incidentledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A PostgreSQL test that cannot run is reported as skipped, each of its tests counted, never as a class that ran no
 * test; and under {@code CI=true} it runs, and fails without a server.
 */
class PostgresTestsAreReportedTest {

    private static final Set<String> TEST_ANNOTATIONS = Set.of(Test.class.getName(), ParameterizedTest.class.getName(),
            "com.tngtech.archunit.junit.ArchTest");

    @Test
    void withoutAServerATestIsSkippedWithAMessageSayingWhatToSet() {
        ConditionEvaluationResult result = PostgresServer.Condition.evaluate(env(Map.of()));

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("PostgreSQL tests skipped").contains(PostgresServer.URL_VARIABLE));
    }

    @Test
    void underCiATestRunsEvenWithoutAServerSoThatItFails() {
        assertThat(PostgresServer.Condition.evaluate(env(Map.of("CI", "true"))).isDisabled()).isFalse();
    }

    @Test
    void withAServerATestRuns() {
        assertThat(PostgresServer.Condition.evaluate(
                env(Map.of(PostgresServer.URL_VARIABLE, "jdbc:postgresql://127.0.0.1:5432/x"))).isDisabled())
                .isFalse();
    }

    @Test
    void everyTestClassThatUsesPostgresqlIsMarkedSoThatItsSkipsAreCounted() {
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("io.incidentledger", "benchmarks");

        List<String> unmarked = tests.stream()
                .filter(PostgresTestsAreReportedTest::hasTests)
                .filter(PostgresTestsAreReportedTest::usesPostgres)
                .filter(test -> !test.isEquivalentTo(PostgresTestsAreReportedTest.class))
                .filter(test -> !test.isAnnotatedWith(RequiresPostgres.class)
                        && test.getAllRawSuperclasses().stream()
                        .noneMatch(parent -> parent.isAnnotatedWith(RequiresPostgres.class))
                        && test.getMethods().stream().noneMatch(method -> method.isAnnotatedWith(RequiresPostgres.class)))
                .map(JavaClass::getName)
                .toList();

        assertThat(unmarked).as("test classes using PostgreSQL without @RequiresPostgres").isEmpty();
        assertThat(tests.stream().filter(PostgresTestsAreReportedTest::usesPostgres)
                .filter(PostgresTestsAreReportedTest::hasTests)).as("the rule sees the PostgreSQL tests")
                .hasSizeGreaterThan(5);
    }

    /** Named as one, or talks to the server (or a database of its own on it) itself. */
    private static boolean usesPostgres(JavaClass test) {
        return test.getSimpleName().startsWith("Postgres") && test.getSimpleName().endsWith("Test")
                || test.getDirectDependenciesFromSelf().stream().anyMatch(dependency -> {
                    String target = dependency.getTargetClass().getName();
                    return target.equals(PostgresServer.class.getName())
                            || target.equals(OwnPostgresDatabase.class.getName());
                });
    }

    private static boolean hasTests(JavaClass candidate) {
        if (candidate.getModifiers().contains(JavaModifier.ABSTRACT) || candidate.getName().contains("$")) {
            return false;
        }
        return candidate.getAllMethods().stream().anyMatch(method -> method.getAnnotations().stream()
                .anyMatch(annotation -> TEST_ANNOTATIONS.contains(annotation.getRawType().getName())));
    }

    private static UnaryOperator<String> env(Map<String, String> variables) {
        return variables::get;
    }
}
