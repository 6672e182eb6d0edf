package io.incidentledger.testing;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Lets the test framework pause a cached application context and resume it with Axon working again.
 *
 * <p>Spring Framework 7 pauses a cached context when its tests are done (its pausable lifecycles stop; the tests set
 * {@code spring.test.context.cache.pause=always} in {@code spring.properties}) and starts it again when tests that
 * share it come. Stopping Axon's configuration shuts Axon down for good: its embedded event
 * store's shared producer stays closed, and every tracking processor that tails it after the restart waits for events
 * forever, so a resumed context's projections, sagas and notifications never moved again. Here Axon's configuration
 * is not paused; its event processors are, in a lifecycle of their own that stops them on the pause (releasing their
 * claims, so that another context on the same database takes the work, as before) and starts them on the resume.
 * Registered for every test context in {@code META-INF/spring.factories}; a context without Axon is left alone.
 */
public final class PausableAxon implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.addBeanFactoryPostProcessor(beans -> {
                beans.addBeanPostProcessor(new NotPausedAxon(beans, context));
                beans.registerSingleton("pausableAxonProcessors", new PausedProcessors(beans));
            });
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }

    /** Puts a configuration that the pause leaves running in place of Axon's own. */
    private static final class NotPausedAxon implements BeanPostProcessor {

        private final ConfigurableListableBeanFactory beans;
        private final ApplicationContext context;

        NotPausedAxon(ConfigurableListableBeanFactory beans, ApplicationContext context) {
            this.beans = beans;
            this.context = context;
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
            if (bean instanceof SpringAxonConfiguration && !(bean instanceof NotPausable)) {
                NotPausable replacement = new NotPausable(beans.getBean(Configurer.class));
                replacement.setApplicationContext(context);
                return replacement;
            }
            return bean;
        }
    }

    private static final class NotPausable extends SpringAxonConfiguration {

        NotPausable(Configurer configurer) {
            super(configurer);
        }

        @Override
        public boolean isPauseable() {
            return false;
        }
    }

    /** Stops every event processor on a pause and starts the same ones again on the resume; first in, last out. */
    private static final class PausedProcessors implements SmartLifecycle {

        private final ConfigurableListableBeanFactory beans;
        private final List<EventProcessor> paused = new ArrayList<>();
        private volatile boolean running;

        PausedProcessors(ConfigurableListableBeanFactory beans) {
            this.beans = beans;
        }

        @Override
        public synchronized void start() {
            paused.forEach(EventProcessor::start);
            paused.clear();
            running = true;
        }

        @Override
        public synchronized void stop() {
            running = false;
            EventProcessingConfiguration processing = beans.getBeanProvider(EventProcessingConfiguration.class)
                    .getIfAvailable();
            if (processing == null) {
                return;
            }
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor.isRunning()) {
                    processor.shutDown();
                    paused.add(processor);
                }
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** Above Axon's own phase: stopped before it, started after it. */
        @Override
        public int getPhase() {
            return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
        }
    }
}
