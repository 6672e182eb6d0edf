package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@link LedgerVerificationUnderLoad} on the embedded default database (H2, in memory for the test; the isolation
 * rules are MVStore's either way), and that the snapshot the verifier reads in still shows real damage on H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledger-under-load;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/under-load/witness-${random.uuid}.checkpoint",
        LedgerVerificationUnderLoad.ADMIT_OFTEN,
        LedgerVerificationUnderLoad.VERIFY_ONLY_WHEN_ASKED
})
@DirtiesContext
class H2LedgerVerificationUnderLoadTest extends LedgerVerificationUnderLoad {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerLog ledgerLog;

    @Test
    void an_event_deleted_behind_the_logs_back_is_still_found_on_h2() {
        IncidentId incident = IncidentId.of(UUID.randomUUID());
        commands.sendAndWait(ActorMetadata.serviceCommand(new ReportIncident(incident, "Damaged on H2",
                "an incident to damage", Severity.LOW, Category.OTHER, IncidentSource.MANUAL, null, Instant.now()),
                "load-test", Roles.RESPONDER));
        admitter.catchUpAndCheckpoint();
        LedgerLog.Leaf leaf = ledgerLog.leavesOfAggregate(incident.value()).get(0);
        jdbc.execute("DROP TABLE IF EXISTS deleted_event");
        jdbc.update("CREATE TABLE deleted_event AS SELECT * FROM domain_event_entry WHERE global_index = ?",
                leaf.globalIndex());
        try {
            assertThat(jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", leaf.globalIndex()))
                    .isOne();

            Finding missing = new Finding(Finding.Kind.LOGGED_EVENT_MISSING, incident.value(), 0L,
                    leaf.globalIndex(), leaf.leafIndex(), "the event of this leaf is no longer in the store");
            assertThat(verification.verifyStore().findings()).containsExactly(missing);
            assertThat(verification.verifyAggregate(incident.value()).findings()).containsExactly(missing);
        } finally {
            jdbc.update("INSERT INTO domain_event_entry SELECT * FROM deleted_event");
            jdbc.execute("DROP TABLE deleted_event");
        }
        assertThat(verification.verifyStore().findings()).isEmpty();
    }
}
