package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The verifier runs back to back, over the whole store, incrementally (only what came after the last intact pass)
 * and over single incidents, while several writers append to a handful of incidents and the admitter admits every few
 * milliseconds. Nothing is damaged, so every pass must find
 * nothing: a leaf whose event the pass cannot see, or an event the pass takes for skipped by the log, is a false
 * tamper alarm. Subclasses choose the database.
 */
abstract class LedgerVerificationUnderLoad {

    /** Properties for the subclasses' {@code @SpringBootTest}: admit often, leave verifying to the test. */
    static final String ADMIT_OFTEN = "incident-ledger.ledger.admit-interval=5ms";
    static final String VERIFY_ONLY_WHEN_ASKED = "incident-ledger.ledger.verify-interval=1h";

    private static final Logger log = LoggerFactory.getLogger(LedgerVerificationUnderLoad.class);
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration INCREMENTAL_INTERVAL = Duration.ofMillis(100);
    private static final int WRITERS = 4;
    private static final int INCIDENTS = 6;
    private static final String ACTOR = "load-test";

    @Autowired
    CommandGateway commands;

    @Autowired
    LedgerVerification verification;

    @Autowired
    LogAdmitter admitter;

    @Test
    void the_verifier_finds_nothing_in_an_intact_store_while_many_writers_append() throws Exception {
        List<IncidentId> incidents = new CopyOnWriteArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            incidents.add(report());
        }
        List<String> falseFindings = new CopyOnWriteArrayList<>();
        AtomicLong storePasses = new AtomicLong();
        AtomicLong storePassesWithFindings = new AtomicLong();
        AtomicLong incrementalPasses = new AtomicLong();
        AtomicLong incrementalEvents = new AtomicLong();
        AtomicLong aggregatePasses = new AtomicLong();
        AtomicLong aggregatePassesWithFindings = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        Instant end = Instant.now().plus(LOAD);
        // on a loaded machine a verifier loop may finish its least number of passes only after the writers stopped
        Instant latest = end.plus(Duration.ofSeconds(60));
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                running.add(threads.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        if (random.nextInt(20) == 0) {
                            // a new incident now and then; the oldest leaves the writers' set
                            incidents.add(report());
                            incidents.remove(0);
                        } else {
                            send(new AddNote(anyOf(incidents), "note " + writes));
                        }
                        writes.incrementAndGet();
                    }
                    return null;
                }));
            }
            running.add(threads.submit(() -> {
                while (Instant.now().isBefore(end) || storePasses.get() < 10 && Instant.now().isBefore(latest)) {
                    LedgerVerification.Report report = verification.verifyStore();
                    storePasses.incrementAndGet();
                    if (!report.findings().isEmpty()) {
                        storePassesWithFindings.incrementAndGet();
                    }
                    report.findings().forEach(finding -> falseFindings.add("whole store: " + describe(finding)));
                }
                return null;
            }));
            running.add(threads.submit(() -> {
                while (Instant.now().isBefore(end) || incrementalPasses.get() < 5 && Instant.now().isBefore(latest)) {
                    LedgerVerification.Pass pass = verification.verifyIncrementally();
                    if (pass.kind() == LedgerVerification.PassKind.INCREMENTAL) {
                        incrementalPasses.incrementAndGet();
                        incrementalEvents.addAndGet(pass.report().eventsChecked());
                    }
                    pass.report().findings().forEach(finding -> falseFindings.add("incremental: "
                            + describe(finding)));
                    // as the background verifier does, with a short interval: the whole-store loop keeps its share
                    Thread.sleep(INCREMENTAL_INTERVAL.toMillis());
                }
                return null;
            }));
            running.add(threads.submit(() -> {
                while (Instant.now().isBefore(end) || aggregatePasses.get() < 10 && Instant.now().isBefore(latest)) {
                    IncidentId incident = anyOf(incidents);
                    LedgerVerification.Report report = verification.verifyAggregate(incident.value());
                    aggregatePasses.incrementAndGet();
                    if (!report.findings().isEmpty()) {
                        aggregatePassesWithFindings.incrementAndGet();
                    }
                    report.findings().forEach(finding -> falseFindings.add("one incident: " + describe(finding)));
                }
                return null;
            }));
            for (Future<?> task : running) {
                task.get(LOAD.toSeconds() + 180, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        log.info("Under load for {}: {} writes; {} whole-store passes, {} of them with findings; {} incremental passes "
                + "over {} events; {} single-incident passes, {} of them with findings", LOAD, writes.get(),
                storePasses.get(), storePassesWithFindings.get(), incrementalPasses.get(), incrementalEvents.get(),
                aggregatePasses.get(), aggregatePassesWithFindings.get());

        assertThat(falseFindings.size()).as("findings in a store nobody damaged, the first of them: %s",
                falseFindings.stream().limit(5).toList()).isZero();
        assertThat(storePasses.get()).as("whole-store passes during the load").isGreaterThanOrEqualTo(10);
        assertThat(aggregatePasses.get()).as("single-incident passes during the load").isGreaterThanOrEqualTo(10);
        assertThat(incrementalPasses.get()).as("incremental passes during the load").isGreaterThanOrEqualTo(5);
        assertThat(incrementalEvents.get()).as("events the incremental passes verified").isPositive();
        admitter.catchUpAndCheckpoint();
        LedgerVerification.Report last = verification.verifyStore();
        assertThat(last.findings()).isEmpty();
        assertThat(last.leavesChecked()).as("every event written is in the log").isEqualTo(last.eventsChecked())
                .isGreaterThan(writes.get());
    }

    private IncidentId report() {
        IncidentId incident = IncidentId.of(UUID.randomUUID());
        send(new ReportIncident(incident, "Load " + incident, "written under load", Severity.LOW, Category.OTHER,
                IncidentSource.MANUAL, null, Instant.now()));
        send(new AcknowledgeIncident(incident));
        return incident;
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(ActorMetadata.ofService(ACTOR, Roles.RESPONDER)));
    }

    private static String describe(Finding finding) {
        return finding.kind() + " at " + finding.place() + ": " + finding.detail();
    }

    /** One of the incidents, picked from a copy: the writers add and remove while others pick. */
    private static IncidentId anyOf(List<IncidentId> incidents) {
        List<IncidentId> now = List.copyOf(incidents);
        return now.get(ThreadLocalRandom.current().nextInt(now.size()));
    }
}
