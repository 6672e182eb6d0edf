package io.incidentledger.compliance.clock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The clocks are a pure component: plain Java, and no wall clock, so a replay computes the same deadlines. */
class ClockPackageIsPlainJavaTest {

    private static final JavaClasses CLOCK_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentledger.compliance.clock");

    @Test
    void theClockPackageDependsOnNothingButTheJdkAndTheComplianceMessages() {
        // compliance.api (Regime, Stage) is plain Java itself: ArchitectureTest keeps messages framework-free
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.incidentledger.compliance.clock", "io.incidentledger.compliance.api")
                .check(CLOCK_CLASSES);
    }

    @Test
    void theClockPackageNeverReadsTheWallClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .check(CLOCK_CLASSES);
    }
}
