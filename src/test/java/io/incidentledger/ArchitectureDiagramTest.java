package io.incidentledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagram that opens docs/architecture.md, checked against the compiled classes: its boxes are the features and
 * its arrows the dependencies between them. Dotted arrows and dashed ({@code :::planned}) boxes are drawn for where
 * messages go next; they fail here once the code has them, so that they are drawn solid.
 */
class ArchitectureDiagramTest {

    private static final Path DOCUMENT = Path.of("docs", "architecture.md");
    private static final Pattern DIAGRAM = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern BOX = Pattern.compile("\\s*([a-z]+)\\[\"[^\"]*\"](:::planned)?\\s*");
    private static final Pattern ARROW =
            Pattern.compile("\\s*([a-z]+)\\s*(-->|-\\.->)\\s*(?:\\|\"[^\"|]*\"\\|)?\\s*([a-z]+)\\s*");
    private static final Pattern IGNORED = Pattern.compile("\\s*(flowchart LR|classDef .*)?\\s*");

    private static String document;
    private static final Set<String> boxes = new TreeSet<>();
    private static final Set<String> plannedBoxes = new TreeSet<>();
    private static final Set<String> arrows = new TreeSet<>();
    private static final Set<String> plannedArrows = new TreeSet<>();
    private static Set<String> features;
    private static Set<String> dependencies;

    @BeforeAll
    static void readTheDiagramAndTheCode() throws IOException {
        document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        Matcher diagram = DIAGRAM.matcher(document);
        assertThat(diagram.find()).as("a mermaid diagram in %s", DOCUMENT).isTrue();
        for (String line : diagram.group(1).split("\n")) {
            Matcher box = BOX.matcher(line);
            Matcher arrow = ARROW.matcher(line);
            if (box.matches()) {
                assertThat(boxes.add(box.group(1))).as("box drawn once: %s", line).isTrue();
                if (box.group(2) != null) {
                    plannedBoxes.add(box.group(1));
                }
            } else if (arrow.matches()) {
                String edge = arrow.group(1) + " -> " + arrow.group(3);
                assertThat(arrows.add(edge)).as("arrow drawn once: %s", line).isTrue();
                if (arrow.group(2).equals("-.->")) {
                    plannedArrows.add(edge);
                }
            } else {
                assertThat(IGNORED.matcher(line).matches()).as("a line the test understands: %s", line).isTrue();
            }
        }
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(Features.BASE);
        features = Features.in(classes);
        dependencies = Features.crossings(classes).stream()
                .map(crossing -> crossing.fromFeature() + " -> " + crossing.toFeature())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theDocumentOpensWithTheDiagram() {
        assertThat(document.indexOf("```mermaid")).isPositive()
                .isLessThan(document.indexOf("\n## ", document.indexOf("\n## ") + 1));
    }

    @Test
    void everyFeatureIsABoxAndEverySolidBoxIsAFeature() {
        assertThat(solid(boxes, plannedBoxes)).isEqualTo(features);
        assertThat(plannedBoxes).as("dashed boxes that are packages now: draw them solid")
                .doesNotContainAnyElementsOf(features);
    }

    @Test
    void everyDependencyBetweenFeaturesIsASolidArrow() {
        assertThat(solid(arrows, plannedArrows)).as("solid arrows; a dependency drawn dotted or not at all is missing")
                .containsAll(dependencies);
    }

    @Test
    void everySolidArrowIsADependencyOfTheCode() {
        assertThat(dependencies).as("dependencies between features").containsAll(solid(arrows, plannedArrows));
    }

    @Test
    void everyArrowJoinsTwoBoxes() {
        for (String arrow : arrows) {
            assertThat(boxes).as(arrow).contains(arrow.split(" -> "));
        }
    }

    @Test
    void everyPackageIsInTheTableOfWhatItOwnsAndWhomItMayCall() {
        Set<String> packages = new LinkedHashSet<>(boxes);
        packages.addAll(Features.SHARED_KERNEL);
        packages.add(Features.WIRING);
        for (String name : packages) {
            assertThat(document).as(name).contains("\n| `" + name + "` | ");
        }
    }

    private static Set<String> solid(Set<String> all, Set<String> planned) {
        Set<String> solid = new TreeSet<>(all);
        solid.removeAll(planned);
        return solid;
    }
}
