package io.incidentledger.config;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextPausedEvent;
import org.springframework.context.event.ContextRestartedEvent;
import org.springframework.context.event.ContextStartedEvent;
import org.springframework.context.event.ContextStoppedEvent;
import org.springframework.context.event.EventListener;

/**
 * The persistent deadline manager (see {@code docs/deadlines.md}): deadlines of sagas and aggregates are rows of
 * {@code scheduled_tasks}, so they survive a restart, and every node polls that table, so each fires on one node.
 * Sagas and aggregates use it as Axon's {@link org.axonframework.deadline.DeadlineManager}.
 *
 * <p>The beans are defined here rather than by Axon's {@code AxonDbSchedulerAutoConfiguration}: that one only acts
 * when a db-scheduler {@code Scheduler} bean exists, and would then also replace Axon's event scheduler with one
 * whose task this scheduler does not know. No {@code Scheduler} bean is defined, so it stays off.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean
    DeadlineScheduling deadlineScheduling(DataSource dataSource, DeadlineProperties settings, NodeIdentity node,
                                          Serializer serializer,
                                          org.axonframework.config.Configuration axonConfiguration,
                                          TransactionManager transactionManager) {
        // asked at each delivery: Axon's configuration is still being built when this bean is made
        ScopeAwareProvider scopes = scope -> axonConfiguration.scopeAwareProvider().provideScopeAwareStream(scope);
        return DeadlineScheduling.create(dataSource, settings, node, serializer, scopes, transactionManager);
    }

    /** Axon's {@code DeadlineManager}: inject that interface; Axon's configuration uses this bean as well. */
    @Bean
    PersistentDeadlineManager deadlineManager(DeadlineScheduling deadlineScheduling) {
        return deadlineScheduling.deadlineManager();
    }

    @Bean
    DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(DeadlineScheduling deadlineScheduling,
                                                          ApplicationContext context) {
        return new DeadlineSchedulerLifecycle(deadlineScheduling, context);
    }

    /**
     * Polling starts once the application is ready, when Axon's sagas and aggregates can take deliveries, pauses
     * while the context is paused or stopped, and stops as soon as the context closes, before Axon and the database
     * go.
     */
    static final class DeadlineSchedulerLifecycle {

        private final DeadlineScheduling deadlineScheduling;
        private final ApplicationContext context;

        DeadlineSchedulerLifecycle(DeadlineScheduling deadlineScheduling, ApplicationContext context) {
            this.deadlineScheduling = deadlineScheduling;
            this.context = context;
        }

        @EventListener
        void on(ApplicationReadyEvent event) {
            if (event.getApplicationContext() == context) {
                deadlineScheduling.start();
            }
        }

        /** A paused or stopped context (e.g. a cached test context not in use) must not run deadlines. */
        @EventListener({ContextPausedEvent.class, ContextStoppedEvent.class})
        void paused(ApplicationContextEvent event) {
            if (event.getApplicationContext() == context) {
                deadlineScheduling.pause();
            }
        }

        @EventListener({ContextRestartedEvent.class, ContextStartedEvent.class})
        void resumed(ApplicationContextEvent event) {
            if (event.getApplicationContext() == context) {
                deadlineScheduling.resume();
            }
        }

        @EventListener
        void on(ContextClosedEvent event) {
            // a child context (e.g. a separate management port) closing must not stop this one's scheduler
            if (event.getApplicationContext() == context) {
                deadlineScheduling.stop();
            }
        }
    }
}
