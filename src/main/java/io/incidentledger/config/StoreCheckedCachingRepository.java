package io.incidentledger.config;

import java.util.Objects;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository, made safe for several nodes on one database: an aggregate kept in this node's cache is
 * used only while the event store holds no newer event of it (one indexed read, instead of reading its events);
 * otherwise another node has appended since, and the aggregate is loaded afresh (from its snapshot and the events
 * after it). A node therefore decides on the same state it would have loaded without the cache.
 *
 * <p>An append by another node between that read and this node's commit is caught as before: the store's unique
 * (aggregate, sequence number) key refuses the second append, the unit of work rolls back, and Axon removes the
 * aggregate from the cache.
 */
final class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    StoreCheckedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore).cache(cache));
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && !Objects.equals(aggregate.version(),
                eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null))) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }
}
