package io.incidentledger.detection.chain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.config.NodeIdentity;
import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The chain follower's settings, always bound, and one loop per configured chain, only with
 * {@code incident-ledger.detection.chain-follower.enabled=true}. A node with the follower on and a chain's setting
 * wrong does not start: better than a chain that silently is never followed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChainFollowerProperties.class)
public class ChainFollowerConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "incident-ledger.detection.chain-follower", name = "enabled", havingValue = "true")
    ChainFollowers chainFollowers(ChainFollowerProperties properties, ChainCursorStore store, TransactionIngest ingest,
                                  NodeIdentity node, Clock clock) {
        if (properties.chains().isEmpty()) {
            throw new IllegalStateException("the chain follower is on but incident-ledger.detection.chain-follower."
                    + "chains lists no chain");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.chains().size(); i++) {
            ChainFollowerProperties.Chain chain = properties.chains().get(i);
            if (chain == null) {
                throw new IllegalStateException("incident-ledger.detection.chain-follower.chains[" + i + "] is empty");
            }
            chain.check(i);
            if (!names.add(chain.name())) {
                throw new IllegalStateException("incident-ledger.detection.chain-follower.chains names "
                        + chain.name() + " twice");
            }
        }
        List<ChainFollowers.Followed> followed = new ArrayList<>();
        for (ChainFollowerProperties.Chain chain : properties.chains()) {
            followed.add(new ChainFollowers.Followed(chain,
                    () -> Web3j.build(new HttpService(chain.rpcUrl().toString()))));
        }
        return new ChainFollowers(followed, properties, store, ingest, node.id(), clock);
    }
}
