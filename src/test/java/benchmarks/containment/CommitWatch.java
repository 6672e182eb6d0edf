package benchmarks.containment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.incidentledger.asset.api.SigningKeyRevoked;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * When the transactions storing events committed, seen from inside the application without polling the database: a
 * subscriber on the event bus sees each event while it is being stored and notes the time in the after-commit phase
 * of the unit of work storing it (the root one: a saga's commands store their events when the saga's own unit of
 * work commits). An event's stored {@code time_stamp} is taken earlier, when its aggregate applied it; the two
 * together show where a chain of saga round trips spends its time: inside a transaction, or between one
 * transaction's commit and the next step's start (the tracking processor noticing the event, loading the saga).
 */
final class CommitWatch implements AutoCloseable {

    private final Map<String, Instant> commits = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Instant>> revocations = new ConcurrentHashMap<>();
    private final Registration registration;

    CommitWatch(EventStore eventStore) {
        this.registration = eventStore.subscribe(this::seen);
    }

    /** Completes with the commit time of the revocation of the key with this name. */
    CompletableFuture<Instant> revocationOf(String keyName) {
        return revocations.computeIfAbsent(keyName, name -> new CompletableFuture<>());
    }

    /** The commit time of the event with this identifier, forgotten once asked for; null if not seen. */
    Instant takeCommitOf(String eventIdentifier) {
        return commits.remove(eventIdentifier);
    }

    /** Forgets everything noted so far, so that the notes of events nobody asks about do not pile up. */
    void clear() {
        commits.clear();
        revocations.clear();
    }

    private void seen(List<? extends EventMessage<?>> events) {
        Runnable note = () -> {
            Instant now = Instant.now();
            for (EventMessage<?> event : events) {
                commits.put(event.getIdentifier(), now);
                if (event.getPayload() instanceof SigningKeyRevoked revoked) {
                    revocationOf(revoked.keyId().name()).complete(now);
                }
            }
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> note.run());
        } else {
            note.run(); // stored outside a unit of work: already committed
        }
    }

    @Override
    public void close() {
        registration.cancel();
    }
}
