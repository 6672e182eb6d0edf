package io.incidentledger.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class (or one test) that drives a {@link RealBrowser}: skipped, each test reported as skipped with a message
 * saying what to install, when Debian's {@code chromium} or {@code chromium-driver} is missing, and no application
 * context is started for it; run (and failed) under {@code CI=true}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RealBrowser.Condition.class)
public @interface RequiresBrowser {
}
