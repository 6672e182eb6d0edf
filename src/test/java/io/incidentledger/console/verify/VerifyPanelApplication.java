package io.incidentledger.console.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.witness.SpecWitness;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application the verification panel's tests share (a single Spring context): the demo users on H2, a log key
 * of its own, and two real witnesses ({@link SpecWitness}, written from the C2SP texts) that cosign every checkpoint.
 * The service asks them with quorum 0, so a witness that is slow raises no alarm; the panel's quorum is the person's.
 * Key files and witnesses are made once for the test JVM, from nothing: a rotation leaves key files behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-verify;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-verify/witness-${random.uuid}.checkpoint",
        "incident-ledger.ledger.witnessing.quorum=0",
        "incident-ledger.ledger.witnessing.min-backoff=100ms",
        "incident-ledger.ledger.witnessing.max-backoff=1s",
        "incident-ledger.ledger.witnessing.request-timeout=2s"
})
abstract class VerifyPanelApplication {

    static final String ORIGIN = "incident-ledger.local/log";
    static final Path DIRECTORY = Path.of("target/test-ledger/console-verify");
    static final Path SIGNING_KEY = DIRECTORY.resolve("signing.key");
    static final List<SpecWitness> WITNESSES = witnesses();

    @DynamicPropertySource
    static void keyAndWitnesses(DynamicPropertyRegistry registry) {
        registry.add("incident-ledger.ledger.signing-key-file", SIGNING_KEY::toString);
        for (int i = 0; i < WITNESSES.size(); i++) {
            SpecWitness witness = WITNESSES.get(i);
            registry.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].url", () -> witness.url().toString());
            registry.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].verifier-key", witness::verifierKey);
        }
    }

    private static List<SpecWitness> witnesses() {
        try {
            if (Files.exists(DIRECTORY)) {
                try (Stream<Path> files = Files.walk(DIRECTORY)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(DIRECTORY);
            String logKey = LedgerKeys.loadOrCreate(SIGNING_KEY, ORIGIN).verifierKey();
            List<SpecWitness> witnesses = List.of(new SpecWitness("witness.example/first", logKey),
                    new SpecWitness("witness.example/second", logKey));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> witnesses.forEach(SpecWitness::close)));
            return witnesses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
