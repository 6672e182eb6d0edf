package io.incidentledger;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The architecture rules of DESIGN.md and STYLE.md that matter enough to be checked on every build. */
@AnalyzeClasses(packages = "io.incidentledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Crossings between features that do not go through an api package yet, each named {@code origin -> target}
     * (top-level classes). The list only shrinks: a crossing that is gone must leave it
     * ({@link #everyTemporaryCrossingIsStillThere}).
     */
    private static final DescribedPredicate<JavaClass> IN_A_FEATURE =
            describe("are in a feature", javaClass -> Features.of(javaClass).isPresent());

    private static final DescribedPredicate<JavaClass> INSIDE_A_FEATURE =
            describe("are in a feature outside its api", javaClass -> Features.of(javaClass).isPresent()
                    && !Features.isApi(javaClass));

    /** As ddd-by-examples/library keeps its hexagons apart: another feature is reached only through its messages. */
    @ArchTest
    static final ArchRule featuresUseEachOtherOnlyThroughTheirApi = classes().that(IN_A_FEATURE)
            .should(useOtherFeaturesOnlyThroughTheirApi())
            .because("a feature reads and changes another's state only by its commands, events and queries");

    @ArchTest
    static final ArchRule theSharedKernelKnowsNoFeaturesInsides = noClasses()
            .that().resideInAnyPackage(Features.SHARED_KERNEL.stream().map(name -> Features.BASE + "." + name + "..")
                    .toArray(String[]::new))
            .should().dependOnClassesThat(INSIDE_A_FEATURE)
            .because("every feature may use the shared kernel, so it may use no feature but by its messages");

    @ArchTest
    static final ArchRule messagesImportNoFramework = classes().that().resideInAPackage("..api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..api..",
                    "org.axonframework.modelling.command", "org.axonframework.serialization")
            .because("commands, events and queries are stored contracts that import neither Spring, JPA nor Jackson");

    @ArchTest
    static final ArchRule onlyAxonAnnotationsInMessages = noClasses().that().resideInAPackage("..api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "com.fasterxml..", "tools.jackson..");

    @ArchTest
    static final ArchRule readSideAndWebTalkToTheAggregateThroughMessages = noClasses()
            .that().resideInAnyPackage("..query..", "..web..")
            .should().dependOnClassesThat().resideInAPackage("io.incidentledger..command..");

    @ArchTest
    static final ArchRule noWallClockInTheDomain = noClasses().that().resideInAPackage("io.incidentledger..command..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .because("business times arrive on commands and recording times are event timestamps");

    @ArchTest
    static final ArchRule theOfflineVerifierNeedsNoFrameworkDatabaseOrNetwork = noClasses()
            .that().resideInAPackage("io.incidentledger.ledger.offline..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "java.sql..", "javax.sql..", "java.net.http..")
            .because("a regulator runs it with nothing but the jar and a bundle");

    @ArchTest
    static final ArchRule theHashingAndSigningTheVerifierUsesArePlainJava = noClasses()
            .that().haveSimpleName("EventHash").or().haveSimpleName("MerkleHashes")
            .or().haveSimpleName("MerkleTree").or().haveSimpleName("ProofVerifier").or().haveSimpleName("Checkpoint")
            .or().haveSimpleName("NoteVerifier").or().haveSimpleName("SignedNote")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..");

    @ArchTest
    static final ArchRule projectionsCallNothingExternal = noClasses().that().resideInAPackage("..query..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "org.springframework.web.client..");

    private static ArchCondition<JavaClass> useOtherFeaturesOnlyThroughTheirApi() {
        return new ArchCondition<>("use other features only through their api packages") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    Features.crossing(dependency)
                            .filter(crossing -> !crossing.throughApi())
                            .ifPresent(crossing -> events.add(SimpleConditionEvent.violated(dependency,
                                    dependency.getDescription())));
                }
            }
        };
    }
}
