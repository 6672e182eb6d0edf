package io.incidentledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * A browser test that cannot run is reported as skipped with a message saying what to install, each of its tests
 * counted; under {@code CI=true} it runs, and fails without a browser.
 */
class BrowserTestsAreReportedTest {

    private static final Predicate<Path> NOTHING_INSTALLED = path -> false;
    private static final Predicate<Path> BOTH_INSTALLED = path -> true;

    @Test
    void withoutChromiumATestIsSkippedWithAMessageSayingWhatToInstall() {
        ConditionEvaluationResult result = RealBrowser.Condition.evaluate(env(Map.of()),
                Set.of(RealBrowser.CHROMEDRIVER)::contains);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("Browser tests skipped").contains("apt-get install chromium chromium-driver"));
    }

    @Test
    void withoutChromedriverATestIsSkippedToo() {
        assertThat(RealBrowser.Condition.evaluate(env(Map.of()), Set.of(RealBrowser.CHROMIUM)::contains)
                .isDisabled()).isTrue();
    }

    @Test
    void underCiATestRunsEvenWithoutABrowserSoThatItFails() {
        assertThat(RealBrowser.Condition.evaluate(env(Map.of("CI", "true")), NOTHING_INSTALLED).isDisabled())
                .isFalse();
    }

    @Test
    void withBothInstalledATestRuns() {
        assertThat(RealBrowser.Condition.evaluate(env(Map.of()), BOTH_INSTALLED).isDisabled()).isFalse();
    }

    @Test
    void everyTestClassThatOpensABrowserIsMarkedSoThatItsSkipsAreCounted() {
        List<JavaClass> browserTests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("io.incidentledger", "benchmarks").stream()
                .filter(test -> !test.getPackageName().equals(RealBrowser.class.getPackageName()))
                .filter(test -> test.getDirectDependenciesFromSelf().stream()
                        .anyMatch(dependency -> dependency.getTargetClass().isEquivalentTo(RealBrowsers.class)))
                .toList();

        assertThat(browserTests).as("the rule sees the browser tests").isNotEmpty();
        assertThat(browserTests.stream().filter(test -> !test.isAnnotatedWith(RequiresBrowser.class)
                && test.getAllRawSuperclasses().stream().noneMatch(parent -> parent.isAnnotatedWith(
                        RequiresBrowser.class))).map(JavaClass::getName))
                .as("test classes opening a browser without @RequiresBrowser").isEmpty();
    }

    private static UnaryOperator<String> env(Map<String, String> variables) {
        return variables::get;
    }
}
