package io.incidentledger.testing;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker for a test class: spring-kafka-test's embedded KRaft broker, in this JVM, one per class
 * ({@link RequiresKafka}), started before the class and stopped after it. A class whose broker cannot start is
 * skipped with a message; under {@code CI=true} it runs, and fails.
 */
public final class KafkaBroker {

    static final String SKIPPED = "Kafka tests skipped: the embedded KRaft broker (spring-kafka-test) could not "
            + "start here";

    private static volatile EmbeddedKafkaBroker current;

    private KafkaBroker() {
    }

    /** The running broker of the current test class. */
    public static EmbeddedKafkaBroker broker() {
        EmbeddedKafkaBroker broker = current;
        if (broker == null) {
            throw new IllegalStateException("no embedded Kafka broker is running (see the log for why it did not "
                    + "start)");
        }
        return broker;
    }

    /** {@code host:port} of the running broker, for {@code spring.kafka.bootstrap-servers}. */
    public static String bootstrapServers() {
        return broker().getBrokersAsString();
    }

    static EmbeddedKafkaBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1", "log.flush.interval.messages", "1000000"));
        broker.afterPropertiesSet();
        return broker;
    }

    static final class Condition implements ExecutionCondition {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
                KafkaBroker.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isPresent()) {
                return current != null || ci(System::getenv) ? ConditionEvaluationResult.enabled("broker running")
                        : ConditionEvaluationResult.disabled(SKIPPED);
            }
            Running running = context.getStore(NAMESPACE).computeIfAbsent(Running.class,
                    type -> Running.attempt(KafkaBroker::start), Running.class);
            ConditionEvaluationResult result = evaluate(System::getenv, running.failure());
            if (result.isDisabled()) {
                LoggerFactory.getLogger(KafkaBroker.class).warn("{}: {}", context.getDisplayName(),
                        result.getReason().orElse(SKIPPED));
            }
            return result;
        }

        static ConditionEvaluationResult evaluate(UnaryOperator<String> environment, Throwable failure) {
            if (failure == null) {
                return ConditionEvaluationResult.enabled("the embedded Kafka broker is running");
            }
            if (ci(environment)) {
                return ConditionEvaluationResult.enabled("CI=true: Kafka tests run, and fail without a broker");
            }
            return ConditionEvaluationResult.disabled(SKIPPED + " (" + failure + ")");
        }

        private static boolean ci(UnaryOperator<String> environment) {
            return "true".equalsIgnoreCase(environment.apply("CI"));
        }
    }

    /** The broker of one test class, closed with the class's extension context (after its Spring context). */
    private record Running(EmbeddedKafkaBroker broker, Throwable failure) implements AutoCloseable {

        static Running attempt(Supplier<EmbeddedKafkaBroker> starter) {
            try {
                EmbeddedKafkaBroker broker = starter.get();
                current = broker;
                return new Running(broker, null);
            } catch (RuntimeException | LinkageError failed) {
                LoggerFactory.getLogger(KafkaBroker.class).warn("The embedded Kafka broker did not start", failed);
                return new Running(null, failed);
            }
        }

        @Override
        public void close() {
            if (broker != null) {
                current = null;
                broker.destroy();
            }
        }
    }
}
