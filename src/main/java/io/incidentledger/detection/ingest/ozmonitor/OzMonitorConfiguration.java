package io.incidentledger.detection.ingest.ozmonitor;

import io.incidentledger.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenZeppelin Monitor endpoint's own body limit, which real Stellar matches need. */
@Configuration(proxyBeanMethods = false)
public class OzMonitorConfiguration {

    @Bean
    RequestBodyLimit ozMonitorBodyLimit(OzMonitorProperties properties) {
        return new RequestBodyLimit(OzMonitorController.PATH, properties.maxRequestBytes());
    }
}
