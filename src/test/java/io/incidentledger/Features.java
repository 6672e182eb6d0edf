package io.incidentledger;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The features of the code and the packages they share, as docs/architecture.md draws and describes them. A feature
 * is a top-level package under {@code io.incidentledger} that is neither shared kernel nor wiring; its {@code api}
 * package (and the packages below it) holds the messages others may use.
 */
final class Features {

    static final String BASE = "io.incidentledger";

    /**
     * What every feature may use, because it is no business of any one feature: refusal codes, times and database
     * helpers ({@code common}), the acting user ({@code security}), problem+json and idempotent requests
     * ({@code web}), processing groups and dead letters ({@code operations}), signed webhooks ({@code outbound}).
     */
    static final Set<String> SHARED_KERNEL = Set.of("common", "security", "web", "operations", "outbound");

    /** Wires the application together (event store, serializer, deadlines): it may use every feature. */
    static final String WIRING = "config";

    private Features() {
    }

    /** The feature a class belongs to; empty for the shared kernel, the wiring and the application class. */
    static Optional<String> of(JavaClass javaClass) {
        return of(javaClass.getPackageName());
    }

    static Optional<String> of(String packageName) {
        if (!packageName.startsWith(BASE + ".")) {
            return Optional.empty();
        }
        String top = packageName.substring(BASE.length() + 1).split("\\.")[0];
        return SHARED_KERNEL.contains(top) || WIRING.equals(top) ? Optional.empty() : Optional.of(top);
    }

    /** The top-level packages of a feature found among the classes. */
    static Set<String> in(JavaClasses classes) {
        Set<String> features = new TreeSet<>();
        classes.forEach(javaClass -> of(javaClass).ifPresent(features::add));
        return features;
    }

    /**
     * The transparency log's formats and proofs, which the witness implements from the other side (docs/witness.md):
     * plain Java classes of {@code ledger.log} that other features may use as they use an api, although they are not
     * messages. Top-level classes; their nested classes count with them.
     */
    static final Set<String> PUBLISHED_PROTOCOL = Set.of("AddCheckpointRequest", "Checkpoint", "CosignatureVerifier",
            "CosignerKey", "MerkleHashes", "NoteVerifier", "ProofVerifier", "SignedNote").stream()
            .map(name -> BASE + ".ledger.log." + name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether the class is in its feature's {@code api} package or below it, or is part of the published protocol. */
    static boolean isApi(JavaClass javaClass) {
        return of(javaClass).isPresent() && (Arrays.asList(javaClass.getPackageName().split("\\.")).contains("api")
                || PUBLISHED_PROTOCOL.contains(topLevel(javaClass)));
    }

    /** The dependency of one feature's class on another feature's class; empty for any other dependency. */
    static Optional<Crossing> crossing(Dependency dependency) {
        JavaClass origin = dependency.getOriginClass();
        JavaClass target = dependency.getTargetClass();
        Optional<String> from = of(origin);
        Optional<String> to = of(target);
        if (from.isEmpty() || to.isEmpty() || from.get().equals(to.get())) {
            return Optional.empty();
        }
        return Optional.of(new Crossing(from.get(), to.get(), topLevel(origin), topLevel(target), isApi(target)));
    }

    /** Every crossing between features among the classes. */
    static Set<Crossing> crossings(JavaClasses classes) {
        Set<Crossing> crossings = new TreeSet<>();
        classes.forEach(javaClass -> javaClass.getDirectDependenciesFromSelf()
                .forEach(dependency -> crossing(dependency).ifPresent(crossings::add)));
        return crossings;
    }

    /** Nested, anonymous and local classes count as their top-level class. */
    private static String topLevel(JavaClass javaClass) {
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /**
     * One class of a feature using one class of another.
     *
     * @param throughApi whether the used class is in the other feature's api
     */
    record Crossing(String fromFeature, String toFeature, String fromClass, String toClass, boolean throughApi)
            implements Comparable<Crossing> {

        /** {@code origin.Class -> target.Class}, as the list of temporary crossings names them. */
        String classes() {
            return fromClass + " -> " + toClass;
        }

        @Override
        public int compareTo(Crossing other) {
            return classes().compareTo(other.classes());
        }
    }
}
