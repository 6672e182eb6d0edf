package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.incidentledger.IncidentLedgerApplication;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's wiring: the deadline manager sagas get injected is the persistent one, Axon's configuration
 * hands out the same, its scheduler polls while the application runs and stops when it closes.
 */
class DeadlineConfigurationTest {

    @Test
    void theApplicationsDeadlineManagerIsPersistentAndPollsFromReadyToClose() {
        DeadlineScheduling scheduling;
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(
                IncidentLedgerApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:deadline-wiring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/deadlines/witness-" + UUID.randomUUID()
                        + ".checkpoint")) {
            DeadlineManager injected = application.getBean(DeadlineManager.class);
            Configuration axon = application.getBean(Configuration.class);
            scheduling = application.getBean(DeadlineScheduling.class);

            assertThat(injected).isInstanceOf(PersistentDeadlineManager.class)
                    .isSameAs(scheduling.deadlineManager())
                    .isSameAs(axon.deadlineManager());
            assertThat(scheduling.scheduler().getSchedulerState().isStarted()).isTrue();
            // Axon's db-scheduler auto-configuration stays off: it would swap in an event scheduler without a task
            assertThat(application.getBeansOfType(Scheduler.class)).isEmpty();
            assertThat(application.getBeansOfType(DbSchedulerEventScheduler.class)).isEmpty();
        }
        assertThat(scheduling.scheduler().getSchedulerState().isShuttingDown()).isTrue();
    }
}
