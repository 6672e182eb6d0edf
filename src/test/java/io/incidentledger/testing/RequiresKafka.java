package io.incidentledger.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against a real Kafka broker ({@link KafkaBroker}, embedded KRaft, one per class): skipped
 * with a message when the broker cannot start, and no application context is started for it; run (and failed) under
 * {@code CI=true}. Declare it before {@code @SpringBootTest}, so that the broker is up when the context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(KafkaBroker.Condition.class)
public @interface RequiresKafka {
}
