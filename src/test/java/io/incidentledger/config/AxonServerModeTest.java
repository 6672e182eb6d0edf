package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.incidentledger.IncidentLedgerApplication;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With the {@code axon-server} profile Axon Server routes commands and queries, and the events still go to the
 * database through the hash-chaining engine and into the signed log. No Axon Server runs here: the connector points
 * at a closed port and keeps trying in the background, which must not stop the application from starting. Switching
 * Axon Server's event store back on is refused at start-up.
 */
class AxonServerModeTest {

    private ConfigurableApplicationContext application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void withTheAxonServerProfileTheEventsAreChainedInTheDatabaseAndAdmittedToTheLog() {
        application = start();
        EventStore eventStore = application.getBean(EventStore.class);
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(application.getBean(CommandBus.class)).as("commands are routed by Axon Server")
                .isInstanceOf(AxonServerCommandBus.class);
        String aggregate = UUID.randomUUID().toString();

        eventStore.publish(new GenericDomainEventMessage<>("Probe", aggregate, 0,
                new AxonServerModeProbe("stored by the chaining engine")));

        JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
        Map<String, Object> stored = jdbc.queryForMap("SELECT event_identifier, prev_hash, entry_hash "
                + "FROM domain_event_entry WHERE aggregate_identifier = ?", aggregate);
        assertThat((byte[]) stored.get("entry_hash")).hasSize(32);
        assertThat((byte[]) stored.get("prev_hash")).hasSize(32);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_leaf WHERE event_identifier = ?", Long.class,
                stored.get("event_identifier")) == 1);
    }

    @Test
    void axonServerAsTheEventStoreIsRefusedAtStartUp() {
        assertThatThrownBy(() -> application = start("--axon.axonserver.event-store.enabled=true"))
                .hasStackTraceContaining("Refusing to start: the events would not be stored in this database's "
                        + "hash-chained event table")
                .hasStackTraceContaining("AxonServerEventStore");
    }

    private static ConfigurableApplicationContext start(String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=demo,axon-server",
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:axon-server-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--axon.axonserver.servers=127.0.0.1:" + closedPort(),
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/axon-server/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/axon-server/witness-" + UUID.randomUUID()
                        + ".checkpoint"));
        arguments.addAll(List.of(extra));
        return new SpringApplicationBuilder(IncidentLedgerApplication.class).run(arguments.toArray(String[]::new));
    }

    /** A port nothing listens on: the connector's attempts are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event no handler knows: only the store, the chain and the log see it. */
    record AxonServerModeProbe(String note) {
    }
}
