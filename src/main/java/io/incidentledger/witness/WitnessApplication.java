package io.incidentledger.witness;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * A witness for transparency logs (c2sp.org/tlog-witness): a small, separate application in the service's jar that a
 * regulator or partner runs to cosign the ledger's checkpoints only after checking that each extends the last one it
 * saw. It shares nothing with the incident service but the protocol code: no Axon, no ledger database, no incident
 * security; its settings come from {@code witness.yml}, not {@code application.yml} (docs/witness.md).
 *
 * <p>The component scan covers this package only, and the auto-configurations of what the incident service needs but
 * a witness must not start (Axon and its event processors, the OpenAPI document, mail, templates, OAuth2) are
 * excluded by name, so that adding them to the jar changes nothing here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
    "org.axonframework.springboot.autoconfig.AvroSerializerAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonJobRunrAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonServerActuatorAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration",
    "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration",
    "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
    "org.axonframework.springboot.autoconfig.InfraConfiguration",
    "org.axonframework.springboot.autoconfig.InterceptorAutoConfiguration",
    "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
    "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxAutoConfiguration",
    "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxEventStoreAutoConfiguration",
    "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
    "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
    "org.axonframework.springboot.autoconfig.MetricsAutoConfiguration",
    "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration",
    "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
    "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration",
    "org.axonframework.springboot.autoconfig.CBORMapperAutoConfiguration",
    "org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration",
    "org.axonframework.springboot.autoconfig.SecurityAutoConfiguration",
    "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
    "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration",
    "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration",
    "org.springdoc.core.configuration.SpringDocConfiguration",
    "org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration",
    "org.springdoc.webmvc.core.configuration.MultipleOpenApiSupportConfiguration",
    "org.springdoc.webmvc.ui.SwaggerConfig",
    "org.springdoc.core.configuration.SpringDocWebServerConfiguration.EmbeddedWebServerConfiguration",
    "org.springdoc.core.configuration.SpringDocWebServerConfiguration.DeployedWebServerConfiguration",
    "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
    "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration",
    "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
    "org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web"
            + ".OAuth2ResourceServerWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
    "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
})
@ComponentScan(basePackageClasses = WitnessApplication.class, excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)
})
public class WitnessApplication {

    /** The name of the witness's own configuration file, {@code witness.yml}. */
    static final String CONFIG_NAME = "witness";

    public static void main(String[] args) {
        run(args);
    }

    /**
     * Starts a witness. Settings are read from {@code witness.yml} (and {@code witness-<profile>.yml}) instead of
     * {@code application.yml}, so that none of the incident service's settings apply; the arguments override them.
     */
    public static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(WitnessApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application.run(args);
    }
}
