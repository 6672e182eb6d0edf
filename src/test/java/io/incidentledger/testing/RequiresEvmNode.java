package io.incidentledger.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs a local EVM node ({@link EvmNode}, ganache): skipped, each test reported as skipped with a
 * message saying how to install it, when ganache is not installed, and no application context is started for it;
 * run (and failed) under {@code CI=true}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(EvmNode.Condition.class)
public @interface RequiresEvmNode {
}
