package io.incidentledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

import javax.sql.DataSource;

import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.log.LogGapWatches;
import io.incidentledger.ledger.log.NoteSigner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the Merkle log: the signing key (kept outside the database), the admitter and the checkpoint signer. */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    NoteSigner ledgerSigner(LedgerProperties properties) {
        try {
            if (properties.createKeyIfMissing()) {
                return LedgerKeys.loadOrCreate(properties.signingKeyFile(), properties.keyName());
            }
            if (!Files.exists(properties.signingKeyFile())) {
                throw new IllegalStateException("the ledger signing key file " + properties.signingKeyFile()
                        + " does not exist (see docs/operations.md, \"The signing key\")");
            }
            NoteSigner signer = LedgerKeys.load(properties.signingKeyFile());
            if (!signer.keyName().equals(properties.keyName())) {
                throw new IllegalStateException("the ledger signing key in " + properties.signingKeyFile()
                        + " is named " + signer.keyName() + ", not " + properties.keyName());
            }
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger signing key " + properties.signingKeyFile(), e);
        }
    }

    @Bean
    CheckpointSigner checkpointSigner(NoteSigner ledgerSigner, LedgerProperties properties, Clock clock) {
        return new CheckpointSigner(ledgerSigner, properties.origin(), clock);
    }

    @Bean
    LogAdmitter logAdmitter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DataSource dataSource,
                            CheckpointSigner checkpointSigner, Clock clock, LedgerProperties properties) {
        return new LogAdmitter(jdbc, new TransactionTemplate(transactionManager),
                LogGapWatches.forDatabase(dataSource), checkpointSigner, clock, properties);
    }
}
