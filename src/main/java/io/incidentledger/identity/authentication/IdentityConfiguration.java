package io.incidentledger.identity.authentication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;

import io.incidentledger.identity.query.ApiTokenCatchUp;
import io.incidentledger.identity.query.ApiTokenProjection;
import io.incidentledger.identity.query.ApiTokenViews;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the API tokens: the hash key from its file, the checker the bearer filter hands our tokens to, its refresh
 * loop, and the subscribing processor that writes the view in each command's transaction.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    ApiTokenHashKey apiTokenHashKey(ApiTokenProperties properties) {
        try {
            return ApiTokenHashKey.loadOrCreate(properties.hashKeyFile(), new SecureRandom());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token hash key file "
                    + properties.hashKeyFile(), e);
        }
    }

    @Bean
    ApiTokenIssuer apiTokenIssuer(ApiTokenHashKey hashKey) {
        return new ApiTokenIssuer(hashKey, new SecureRandom());
    }

    @Bean
    ApiTokenChecker apiTokenChecker(ApiTokenViews views, ApiTokenHashKey hashKey, Clock clock,
                                    ApiTokenProperties properties) {
        return new ApiTokenChecker(views, hashKey, clock, properties.maxStaleness());
    }

    @Bean
    ApiTokenRefresher apiTokenRefresher(ApiTokenChecker checker, ApiTokenCatchUp catchUp,
                                        ApiTokenProperties properties) {
        return new ApiTokenRefresher(checker, catchUp, properties.refreshInterval());
    }

    /**
     * The projection runs in a subscribing processor: in the unit of work of the command whose events it handles,
     * and so in that command's database transaction. Assigned by type, not by annotation, so that it gets no
     * dead-letter queue (see {@link ApiTokenProjection}); a failure propagates and rolls the command back.
     */
    @Bean
    ConfigurerModule apiTokenProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(ApiTokenProjection.PROCESSING_GROUP)
                .assignHandlerTypesMatching(ApiTokenProjection.PROCESSING_GROUP,
                        type -> type == ApiTokenProjection.class);
    }
}
