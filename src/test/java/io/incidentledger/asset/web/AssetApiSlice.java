package io.incidentledger.asset.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.RequestSizeLimitFilter;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web slice shared by the asset API tests (one cached context): the controller with the real security chain,
 * exception handler and size-limit filter, Axon's gateways mocked, and one user per role whose password is
 * {@code <name>-pw}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(AssetController.class)
@Import({SecurityConfiguration.class, ProblemResponseWriter.class, RequestSizeLimitFilter.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class})
@MockitoBean(types = {CommandGateway.class, QueryGateway.class})
@TestPropertySource(properties = {
        TestUsers.ONE_PER_ROLE,
})
@interface AssetApiSlice {
}
