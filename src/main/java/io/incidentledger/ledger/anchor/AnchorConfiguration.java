package io.incidentledger.ledger.anchor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.incidentledger.ledger.log.LedgerLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Anchoring's settings, always bound, and its loop, only with {@code incident-ledger.ledger.anchor.enabled=true}.
 * A node with anchoring on and a setting missing does not start: better than a log that silently never anchors.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnchorProperties.class)
public class AnchorConfiguration {

    private static final Pattern PRIVATE_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnProperty(prefix = "incident-ledger.ledger.anchor", name = "enabled", havingValue = "true")
    Web3j anchorWeb3j(AnchorProperties properties) {
        if (properties.rpcUrl() == null) {
            throw new IllegalStateException("incident-ledger.ledger.anchor.rpc-url is required when anchoring is on");
        }
        if (properties.chainId() == null) {
            throw new IllegalStateException("incident-ledger.ledger.anchor.chain-id is required when anchoring is on");
        }
        if (properties.targetAddress() != null && !properties.targetAddress().isBlank()
                && !ADDRESS.matcher(properties.targetAddress()).matches()) {
            throw new IllegalStateException("incident-ledger.ledger.anchor.target-address is not a 0x address of "
                    + "20 bytes");
        }
        return Web3j.build(new HttpService(properties.rpcUrl().toString()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "incident-ledger.ledger.anchor", name = "enabled", havingValue = "true")
    Anchorer anchorer(Web3j anchorWeb3j, AnchorProperties properties, AnchorStore store, LedgerLog ledgerLog,
                      TransactionTemplate transactions, Clock clock) {
        return new Anchorer(anchorWeb3j, credentials(properties, System::getenv), properties, store, ledgerLog,
                transactions, clock);
    }

    @Bean
    @ConditionalOnProperty(prefix = "incident-ledger.ledger.anchor", name = "enabled", havingValue = "true")
    AnchorScheduler anchorScheduler(Anchorer anchorer, AnchorProperties properties, Clock clock) {
        return new AnchorScheduler(anchorer, properties, clock);
    }

    /**
     * The signing account, from {@code private-key-file} or the environment variable {@code private-key-env} names.
     * No message here ever holds the key.
     */
    static Credentials credentials(AnchorProperties properties, UnaryOperator<String> environment) {
        String key;
        String source;
        if (properties.privateKeyFile() != null) {
            source = "the file " + properties.privateKeyFile();
            try {
                key = Files.readString(properties.privateKeyFile(), StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the anchor account's private key from " + source + ": "
                        + e.getClass().getSimpleName());
            }
        } else if (properties.privateKeyEnv() != null && !properties.privateKeyEnv().isBlank()) {
            source = "the environment variable " + properties.privateKeyEnv();
            key = environment.apply(properties.privateKeyEnv());
            if (key == null || key.isBlank()) {
                throw new IllegalStateException(source + " (incident-ledger.ledger.anchor.private-key-env) is not set");
            }
            key = key.strip();
        } else {
            throw new IllegalStateException("anchoring is on but no private key is configured: set "
                    + "incident-ledger.ledger.anchor.private-key-file or private-key-env");
        }
        if (!PRIVATE_KEY.matcher(key).matches()) {
            throw new IllegalStateException("the anchor account's private key in " + source
                    + " is not 32 bytes of hex");
        }
        return Credentials.create(key);
    }
}
