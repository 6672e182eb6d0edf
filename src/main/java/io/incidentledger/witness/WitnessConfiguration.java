package io.incidentledger.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

import io.incidentledger.ledger.log.CosignerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The witness's parts: its settings, its cosigner key (created at the first start), its store and its checks. */
@Configuration(proxyBeanMethods = false)
class WitnessConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WitnessConfiguration.class);

    @Bean
    WitnessProperties witnessProperties(Environment environment) {
        return Binder.get(environment).bind(WitnessProperties.PREFIX, Bindable.of(WitnessProperties.class))
                .orElseThrow(() -> new IllegalArgumentException("no witness settings: set "
                        + WitnessProperties.PREFIX + ".key-name and " + WitnessProperties.PREFIX + ".logs"));
    }

    @Bean
    CosignerKey witnessKey(WitnessProperties properties) {
        try {
            CosignerKey key = CosignerKey.loadOrCreate(properties.keyFile(), properties.keyName());
            LOG.info("Witness {} cosigns with verifier key {} (key file {})", key.name(), key.verifierKey(),
                    properties.keyFile().toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the witness key file " + properties.keyFile(), e);
        }
    }

    @Bean
    WitnessStore witnessStore(JdbcTemplate jdbc) {
        return new WitnessStore(jdbc);
    }

    @Bean
    Witness witness(CosignerKey witnessKey, WitnessProperties properties, WitnessStore store,
            TransactionTemplate transactions) {
        return new Witness(witnessKey, properties.logs().stream().map(TrustedLog::of).toList(), store, transactions,
                Clock.systemUTC());
    }
}
