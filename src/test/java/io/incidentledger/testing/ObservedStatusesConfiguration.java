package io.incidentledger.testing;

import java.nio.file.Path;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts {@link ObservedStatuses} in front of every web application a test starts, full or a Spring MVC slice
 * (registered in {@code src/test/resources/META-INF/spring}), when Maven names the directory to record into.
 * Registered as a filter bean, it comes before the application's own filters of the same order, so it sees the final
 * status also of a request a filter refused.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(ObservedStatuses.DIRECTORY_PROPERTY)
public class ObservedStatusesConfiguration {

    @Bean
    FilterRegistrationBean<ObservedStatuses> observedStatuses(Environment environment, BeanFactory beans) {
        Path directory = Path.of(environment.getRequiredProperty(ObservedStatuses.DIRECTORY_PROPERTY));
        FilterRegistrationBean<ObservedStatuses> registration = new FilterRegistrationBean<>(
                new ObservedStatuses(directory, () -> beans.getBean("requestMappingHandlerMapping",
                        RequestMappingHandlerMapping.class)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
