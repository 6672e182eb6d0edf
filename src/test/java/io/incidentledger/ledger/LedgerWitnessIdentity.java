package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.verify.BackgroundVerifier;
import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.ledger.verify.LogMismatchException;
import io.incidentledger.ledger.verify.WitnessGuard;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The witness file belongs to one log: started on a database whose log is another one, the service refuses to start
 * and says what to do; told to accept the new log, it starts and witnesses that one; a witness from before logs had
 * identities is adopted only by a log that contains its checkpoint; and a log cut short under its own identity is
 * still reported as truncated. Each test starts the whole application on databases of its own; subclasses choose
 * the database.
 */
@ExtendWith(OutputCaptureExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class LedgerWitnessIdentity {

    private static final String SIGNING_KEY = "target/test-ledger/identity/signing.key";

    private Path witness;
    private long witnessedSize;

    /** A new, empty database; returns its JDBC URL. */
    abstract String newDatabase() throws SQLException;

    /** The arguments that point the application at the database. */
    abstract List<String> databaseArguments(String url);

    /** A connection to the database as a user that may damage it (past any append-only rule). */
    abstract Connection damageConnection(String url) throws SQLException;

    /** Removes every database {@link #newDatabase()} made. */
    abstract void dropDatabases() throws SQLException;

    @BeforeEach
    void ownWitnessFile() {
        witness = Path.of("target/test-ledger/identity", UUID.randomUUID().toString(), "ledger-witness.checkpoint");
    }

    @AfterEach
    void dropTheDatabases() throws SQLException {
        dropDatabases();
    }

    @Test
    void a_new_database_started_with_the_witness_of_another_refuses_to_start_until_told_to_accept_its_log(
            CapturedOutput output) throws Exception {
        String first = newDatabase();
        String firstLog = startWriteAndWitness(first);
        byte[] witnessedFirst = Files.readAllBytes(witness);
        String second = newDatabase();

        assertThatThrownBy(() -> start(second).close()).hasRootCauseInstanceOf(LogMismatchException.class);

        String secondLog = logIdOf(second);
        assertThat(secondLog).isNotEqualTo(firstLog);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("The ledger witness file " + witness.toAbsolutePath().normalize()
                        + " belongs to another log than the one in this database")
                .contains("witnessed log: " + firstLog + ", its newest verified checkpoint has " + witnessedSize
                        + (witnessedSize == 1 ? " leaf" : " leaves"))
                .contains("log " + secondLog + " (created ")
                .contains("0 leaves; it does not contain that checkpoint (it is shorter)")
                .contains("start with the database that holds log " + firstLog + " (restore it)")
                .contains("incident-ledger.ledger.accept-log-id=" + secondLog)
                .doesNotContain("LOG_TRUNCATED");
        assertThat(Files.readAllBytes(witness)).as("the witness file is left as it was").isEqualTo(witnessedFirst);
        assertThat(count(second, "domain_event_entry")).as("nothing written, no tamper incident").isZero();

        // a setting naming another log than this database's accepts nothing
        assertThatThrownBy(() -> start(second, "--incident-ledger.ledger.accept-log-id=" + firstLog).close())
                .hasRootCauseInstanceOf(LogMismatchException.class);
        assertThat(output.getOut()).contains("incident-ledger.ledger.accept-log-id names log " + firstLog
                + ", not this database's log: it accepts nothing");

        try (ConfigurableApplicationContext accepted = start(second,
                "--incident-ledger.ledger.accept-log-id=" + secondLog)) {
            assertThat(output.getOut()).containsPattern("WARN .*Accepting log " + secondLog
                    + " in this database as the ledger's log in place of the witnessed log " + firstLog);
            Path aside = witness.resolveSibling("ledger-witness.checkpoint.replaced-" + firstLog);
            assertThat(Files.readAllBytes(aside)).as("the old witness, kept").isEqualTo(witnessedFirst);
            writeAndWitness(accepted);
            assertThat(witnessText()).startsWith("incident-ledger witness v1\nlog " + secondLog + "\n\n")
                    .contains("\n" + witnessedSize + "\n");
            assertThat(accepted.getBean(BackgroundVerifier.class).lastReport().findings()).isEmpty();
        }
        try (ConfigurableApplicationContext again = start(second)) {
            assertThat(again.getBean(WitnessGuard.class).logId()).isEqualTo(secondLog);
        }
    }

    @Test
    void a_witness_from_before_log_identities_is_adopted_by_the_log_that_contains_its_checkpoint_and_no_other(
            CapturedOutput output) throws Exception {
        String upgraded = newDatabase();
        startWriteAndWitness(upgraded);
        // as an installation of the version before: no identity in the database, the bare signed note in the file
        damage(upgraded, "DELETE FROM ledger_identity");
        String note = witnessText().split("\n\n", 2)[1];
        Files.writeString(witness, note, StandardCharsets.UTF_8);
        String other = newDatabase();

        assertThatThrownBy(() -> start(other).close()).hasRootCauseInstanceOf(LogMismatchException.class);
        assertThat(output.getOut()).contains("was written before logs had identities, and the log in this database "
                + "does not contain the checkpoint it witnessed")
                .contains("incident-ledger.ledger.accept-log-id=" + logIdOf(other));
        assertThat(witnessText()).isEqualTo(note);

        try (ConfigurableApplicationContext application = start(upgraded)) {
            String adopted = logIdOf(upgraded);
            assertThat(application.getBean(WitnessGuard.class).logId()).isEqualTo(adopted);
            assertThat(witnessText()).isEqualTo("incident-ledger witness v1\nlog " + adopted + "\n\n" + note);
            assertThat(application.getBean(LedgerVerification.class).verifyStore().findings()).isEmpty();
        }
    }

    @Test
    void a_log_whose_identity_was_rewritten_is_refused_as_tampering_with_nothing_to_accept(CapturedOutput output)
            throws Exception {
        String database = newDatabase();
        String log = startWriteAndWitness(database);
        String relabelled = UUID.randomUUID().toString();
        damage(database, "UPDATE ledger_identity SET log_id = '" + relabelled + "'");

        assertThatThrownBy(() -> start(database, "--incident-ledger.ledger.accept-log-id=" + relabelled).close())
                .hasRootCauseInstanceOf(LogMismatchException.class);

        assertThat(output.getOut()).contains("contains the checkpoint the ledger witness file")
                .contains("witnessed log: " + log).contains("log " + relabelled + " (recorded ")
                .contains("Treat it as a security incident")
                .contains("does not accept a log in this state")
                .doesNotContain("Accepting log " + relabelled);
    }

    @Test
    void a_log_emptied_behind_the_services_back_with_its_identity_kept_is_reported_as_truncated() throws Exception {
        String database = newDatabase();
        String logId = startWriteAndWitness(database);
        damage(database, "DELETE FROM ledger_checkpoint", "DELETE FROM ledger_node", "DELETE FROM ledger_leaf");

        try (ConfigurableApplicationContext application = start(database)) {
            assertThat(application.getBean(WitnessGuard.class).logId()).isEqualTo(logId);
            BackgroundVerifier verifier = application.getBean(BackgroundVerifier.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> verifier.lastReport() != null);
            assertThat(verifier.lastReport().findings()).extracting(Finding::kind)
                    .contains(Finding.Kind.LOG_TRUNCATED);
        }
    }

    /** Starts on the database, writes an incident, admits, signs and verifies; returns the database's log id. */
    private String startWriteAndWitness(String url) {
        try (ConfigurableApplicationContext application = start(url)) {
            writeAndWitness(application);
            return application.getBean(WitnessGuard.class).logId();
        }
    }

    private void writeAndWitness(ConfigurableApplicationContext application) {
        application.getBean(CommandGateway.class).sendAndWait(ActorMetadata.serviceCommand(new ReportIncident(
                IncidentId.of(UUID.randomUUID()), "Witnessed", "an incident for the witness", Severity.LOW,
                Category.OTHER, IncidentSource.MANUAL, null, Instant.now()), "identity-test", Roles.RESPONDER));
        application.getBean(LogAdmitter.class).catchUpAndCheckpoint();
        BackgroundVerifier verifier = application.getBean(BackgroundVerifier.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> verifier.lastReport() != null);
        assertThat(verifier.verifyNow().findings()).isEmpty();
        witnessedSize = application.getBean(LedgerLog.class).size();
        assertThat(witnessedSize).isPositive();
    }

    private ConfigurableApplicationContext start(String url, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--incident-ledger.ledger.signing-key-file=" + SIGNING_KEY,
                "--incident-ledger.ledger.witness-file=" + witness,
                "--incident-ledger.ledger.verify-interval=1h"));
        arguments.addAll(databaseArguments(url));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(IncidentLedgerApplication.class).run(arguments.toArray(String[]::new));
    }

    private String witnessText() throws IOException {
        return Files.readString(witness, StandardCharsets.UTF_8);
    }

    private void damage(String url, String... statements) throws SQLException {
        try (Connection connection = damageConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String logIdOf(String url) throws SQLException {
        try (Connection connection = damageConnection(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT log_id FROM ledger_identity")) {
            assertThat(row.next()).as("the database has a log identity").isTrue();
            return row.getString(1);
        }
    }

    private long count(String url, String table) throws SQLException {
        try (Connection connection = damageConnection(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}
