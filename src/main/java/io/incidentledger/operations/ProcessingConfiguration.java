package io.incidentledger.operations;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * No event processor skips an event it fails on (see {@code docs/operations.md}, "Processing failures"):
 * <ul>
 *     <li>every processing group of event handlers gets a dead-letter queue in {@code dead_letter_entry} and the
 *     {@link ParkingPolicy}: retried with the processor's backoff, parked only when it keeps failing, retried from
 *     the queue automatically ({@link DeadLetterRetrier}) and on demand ({@code /api/admin/dead-letters});</li>
 *     <li>every other handler, that is the sagas (Axon 4 has no dead-letter queue for sagas), propagates its
 *     failure: the processor rolls back and retries the same event with its backoff, so a saga never sees its
 *     events out of order, and stays visibly in error until the event passes;</li>
 *     <li>each handler runs in a savepoint ({@link HandlerSavepoints}), so a failure undoes exactly its writes.</li>
 * </ul>
 * The state of processors and queues shows on the health endpoint, in the metrics and at
 * {@code /api/admin/event-processors}.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfiguration {

    @Bean
    ProcessingGroups processingGroups(ListableBeanFactory beans) {
        return ProcessingGroups.of(beans);
    }

    @Bean
    ConfigurerModule deadLetterQueues(ProcessingGroups groups, ProcessingProperties settings, MeterRegistry meters,
                                      ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            // handlers without a queue (the sagas, and any group added without one) must not log and go on
            processing.registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
            for (String group : groups.names()) {
                processing.registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue
                                .<EventMessage<?>>builder()
                                .processingGroup(group)
                                .schema(DeadLetters.SCHEMA)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .genericSerializer(config.serializer())
                                .eventSerializer(config.eventSerializer())
                                .build())
                        .registerDeadLetterPolicy(group, config -> new ParkingPolicy(group,
                                settings.attemptsBeforeParking(), meters))
                        // a replay rebuilds the view from the first event: what was parked is handled again then
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (config, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache());
            }
        };
    }

    @Bean
    HandlerEnhancerDefinition handlerSavepoints(PlatformTransactionManager transactions) {
        return new HandlerSavepoints(transactions);
    }

    @Bean
    DeadLetters deadLetters(JdbcTemplate jdbc, ProcessingGroups groups, EventProcessingConfiguration processing,
                            @Qualifier("eventSerializer") Serializer eventSerializer, ProcessingProperties settings,
                            Clock clock) {
        return new DeadLetters(jdbc, groups, processing, eventSerializer, settings.deadLetters(), clock);
    }

    @Bean
    ProcessorStatuses processorStatuses(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                        Serializer serializer, DeadLetters deadLetters, ProcessingProperties settings,
                                        Clock clock) {
        return new ProcessorStatuses(processing, jdbc, serializer, deadLetters, settings, clock);
    }

    @Bean
    DeadLetterRetrier deadLetterRetrier(DeadLetters deadLetters, ProcessingProperties settings) {
        return new DeadLetterRetrier(deadLetters, settings);
    }

    @Bean
    ProcessingMetrics processingMetrics(MeterRegistry meters, DeadLetters deadLetters, ProcessorStatuses statuses) {
        return new ProcessingMetrics(meters, deadLetters, statuses);
    }

    @Bean
    HealthIndicator eventProcessorsHealthIndicator(ProcessorStatuses statuses) {
        return ProcessingHealth.processors(statuses);
    }

    @Bean
    HealthIndicator processorErrorsHealthIndicator(ProcessorStatuses statuses) {
        return ProcessingHealth.processorErrors(statuses);
    }

    @Bean
    HealthIndicator deadLettersHealthIndicator(DeadLetters deadLetters) {
        return ProcessingHealth.deadLetters(deadLetters);
    }
}
