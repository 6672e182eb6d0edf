package io.incidentledger.containment.effector;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.incidentledger.outbound.SignedWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the {@link Effectors} from {@link EffectorProperties}: a dry run or a signed webhook per port. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EffectorProperties.class)
public class EffectorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EffectorConfiguration.class);

    @Bean
    Effectors effectors(EffectorProperties properties, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        DryRunEffector dryRun = new DryRunEffector();
        Map<Port, Effector> adapters = new EnumMap<>(Port.class);
        Map<Port, RetryPolicy> retryPolicies = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            EffectorProperties.PortSettings settings = properties.forPort(port);
            RetryPolicy retry = settings.retry().policy();
            retryPolicies.put(port, retry);
            if (settings.mode() == EffectorProperties.Mode.WEBHOOK) {
                adapters.put(port, new WebhookEffector(port, settings.uri(), settings.secret(), settings.timeout(),
                        new SignedWebhook(settings.connectTimeout(), time), time));
                log.info("Containment port {}: signed webhook to {} (connect timeout {}, timeout {}, {})", port.key(),
                        settings.receiver(), settings.connectTimeout(), settings.timeout(), retry);
                if (settings.isPlainHttpToAnotherHost()) {
                    log.warn("Containment port {} posts to {} over plain http: bodies are signed but not encrypted",
                            port.key(), settings.receiver());
                }
            } else {
                adapters.put(port, dryRun);
                log.info("Containment port {}: dry run, nothing outside is touched", port.key());
            }
        }
        return new Effectors(adapters, retryPolicies);
    }
}
