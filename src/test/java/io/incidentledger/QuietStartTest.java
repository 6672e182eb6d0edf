package io.incidentledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default starts without a warning: an operator who reads the start-up log sees what matters to this
 * service, not notices about libraries (Flyway's untested H2 version, SpringDoc's enabled api-docs, the AxonIQ
 * Console banner) that would teach them to skip warnings.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartTest {

    @Test
    void theEmbeddedDefaultStartsWithoutAWarningOrALibraryNotice(CapturedOutput output) {
        String startup;
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(IncidentLedgerApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=jdbc:h2:mem:quiet-start-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--incident-ledger.ledger.signing-key-file=target/test-ledger/quiet/signing.key",
                        "--incident-ledger.ledger.witness-file=target/test-ledger/quiet/witness-" + UUID.randomUUID()
                                + ".checkpoint")) {
            assertThat(application.isRunning()).isTrue();
            startup = output.getAll();
        }

        assertThat(startup).doesNotContain("AxonIQ Console", "newer than the version Flyway has been verified with",
                "SpringDoc /v3/api-docs endpoint is enabled by default");
        // the start runs on the main thread; other test classes' cached applications log on threads of their own
        String started = startup.lines().filter(line -> line.contains(" main] "))
                .collect(Collectors.joining("\n"));
        assertThat(started).contains("Tomcat started on port").doesNotContainPattern("(?m)^\\S+\\s+(WARN|ERROR) ");
    }
}
