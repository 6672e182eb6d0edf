package benchmarks;

import benchmarks.baseline.Counter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Adds the baseline aggregate ({@link Counter}) to the application context under benchmark. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = Counter.class)
public class BenchConfig {
}
