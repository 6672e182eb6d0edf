package io.incidentledger.config;

import java.util.Map;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Refuses to start the application when its events would not be hash-chained: the event bus must be Axon's embedded
 * event store over {@link HashChainedEventStorageEngine}, the one engine there is. Anything else (Axon Server's event
 * store, a plain engine, no store at all) would leave the ledger's admitter and verifier reading a table nothing
 * writes, and the tamper evidence would stop without a word.
 */
public class EventStoreGuard implements SmartInitializingSingleton {

    private final ListableBeanFactory beans;

    EventStoreGuard(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, EventStorageEngine> engines = beans.getBeansOfType(EventStorageEngine.class);
        Map<String, EventBus> buses = beans.getBeansOfType(EventBus.class);
        boolean chainedEngine = engines.size() == 1
                && engines.values().iterator().next() instanceof HashChainedEventStorageEngine;
        boolean embeddedStore = buses.size() == 1 && buses.values().iterator().next() instanceof EmbeddedEventStore;
        if (!chainedEngine || !embeddedStore) {
            throw new IllegalStateException("Refusing to start: the events would not be stored in this database's "
                    + "hash-chained event table (event store in use: " + describe(buses) + ", storage engines: "
                    + describe(engines) + "). Incident Ledger keeps its events in its own database so that every "
                    + "event is chained and admitted to the signed log. With Axon Server, use it for command and "
                    + "query routing only: set axon.axonserver.event-store.enabled=false (the axon-server profile "
                    + "does). See docs/operations.md, \"Axon Server\".");
        }
    }

    private static String describe(Map<String, ?> beansByName) {
        if (beansByName.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        beansByName.forEach((name, bean) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=')
                .append(bean.getClass().getSimpleName()));
        return text.toString();
    }
}
