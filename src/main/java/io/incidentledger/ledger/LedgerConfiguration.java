package io.incidentledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.log.LogGapWatches;
import io.incidentledger.ledger.log.NoteSigner;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the Merkle log: the signing keys (kept outside the database), the admitter and the checkpoint signer.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    LedgerKeyring ledgerKeyring(LedgerProperties properties, @Qualifier("eventSerializer") Serializer serializer) {
        NoteSigner first = firstKey(properties, System::getenv);
        try {
            List<NoteSigner> rotated = LedgerKeys.loadRotated(properties.firstKeyPath());
            for (NoteSigner key : rotated) {
                if (!key.keyName().equals(properties.keyName())) {
                    throw new IllegalStateException("a rotated ledger signing key next to " + properties.firstKeyPath()
                            + " is named " + key.keyName() + ", not " + properties.keyName());
                }
            }
            return new LedgerKeyring(properties.keyName(), properties.firstKeyPath(), first, rotated, serializer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger's rotated signing keys next to "
                    + properties.firstKeyPath(), e);
        }
    }

    /**
     * The log's first key: from the PKCS#12 keystore when one is configured, its password from the environment
     * variable the settings name; otherwise from the key file, created on first start when allowed.
     */
    static NoteSigner firstKey(LedgerProperties properties, UnaryOperator<String> environment) {
        if (properties.signingKeystore() != null) {
            return keystoreKey(properties, environment);
        }
        try {
            if (properties.createKeyIfMissing()) {
                return LedgerKeys.loadOrCreate(properties.signingKeyFile(), properties.keyName());
            }
            if (!Files.exists(properties.signingKeyFile())) {
                throw new IllegalStateException("the ledger signing key file " + properties.signingKeyFile()
                        + " does not exist (see docs/operations.md, \"The signing key\")");
            }
            NoteSigner signer = LedgerKeys.load(properties.signingKeyFile());
            return named(signer, properties, properties.signingKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger signing key " + properties.signingKeyFile(), e);
        }
    }

    private static NoteSigner keystoreKey(LedgerProperties properties, UnaryOperator<String> environment) {
        Path keystore = properties.signingKeystore();
        String variable = properties.signingKeystorePasswordEnv();
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalStateException("the ledger signing keystore " + keystore + " does not exist (see "
                    + "docs/operations.md, \"The signing key\")");
        }
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("the ledger signing keystore " + keystore + " needs its password in the "
                    + "environment variable " + variable + ", which is not set");
        }
        char[] password = value.toCharArray();
        try {
            NoteSigner signer = LedgerKeys.loadPkcs12(keystore, properties.signingKeystoreAlias(), password,
                    "environment variable " + variable, properties.keyName());
            return named(signer, properties, keystore);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static NoteSigner named(NoteSigner signer, LedgerProperties properties, Path source) {
        if (!signer.keyName().equals(properties.keyName())) {
            throw new IllegalStateException("the ledger signing key in " + source + " is named " + signer.keyName()
                    + ", not " + properties.keyName());
        }
        return signer;
    }

    @Bean
    CheckpointSigner checkpointSigner(LedgerKeyring ledgerKeyring, JdbcTemplate jdbc, LedgerProperties properties,
                                      Clock clock) {
        return new CheckpointSigner(ledgerKeyring, jdbc, properties.origin(), clock);
    }

    @Bean
    LogAdmitter logAdmitter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DataSource dataSource,
                            CheckpointSigner checkpointSigner, Clock clock, LedgerProperties properties) {
        return new LogAdmitter(jdbc, new TransactionTemplate(transactionManager),
                LogGapWatches.forDatabase(dataSource), checkpointSigner, clock, properties);
    }
}
