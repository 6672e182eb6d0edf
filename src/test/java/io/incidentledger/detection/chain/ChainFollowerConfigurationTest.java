package io.incidentledger.detection.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.incidentledger.config.NodeIdentity;
import org.junit.jupiter.api.Test;

/** A node with the follower on and a chain's setting wrong does not start, and says which setting. */
class ChainFollowerConfigurationTest {

    private static final URI NODE = URI.create("http://127.0.0.1:8545");

    @Test
    void aFollowerWithoutChainsDoesNotStart() {
        assertThatThrownBy(() -> followers(List.of()))
                .hasMessageContaining("incident-ledger.detection.chain-follower.chains lists no chain");
    }

    @Test
    void eachWrongChainSettingIsNamed() {
        assertThatThrownBy(() -> followers(List.of(chain("Ethereum Mainnet", NODE, List.of()))))
                .hasMessageContaining("chains[0].name");
        assertThatThrownBy(() -> followers(List.of(chain("ethereum", URI.create("ws://127.0.0.1:8546"), List.of()))))
                .hasMessageContaining("chains[0].rpc-url");
        assertThatThrownBy(() -> followers(List.of(chain("ethereum", NODE, List.of(
                new ChainFollowerProperties.Token("0xa0b8", "USDC", 6))))))
                .hasMessageContaining("chains[0].tokens[0]");
        assertThatThrownBy(() -> followers(List.of(chain("ethereum", NODE, List.of()),
                chain("ethereum", NODE, List.of()))))
                .hasMessageContaining("names ethereum twice");
    }

    @Test
    void aChainTakesTheDocumentedDefaults() {
        ChainFollowerProperties.Chain chain = chain("ethereum", NODE, null);
        assertThat(chain.confirmations()).isEqualTo(12);
        assertThat(chain.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(chain.reorgDepth()).isEqualTo(64);
        assertThat(chain.nativeAsset()).isEqualTo("ETH");
        assertThat(chain.startBlock()).isNull();
        assertThat(chain.tokens()).isEmpty();
    }

    private static ChainFollowerProperties.Chain chain(String name, URI url,
                                                       List<ChainFollowerProperties.Token> tokens) {
        return new ChainFollowerProperties.Chain(name, url, null, null, null, null, null, null, tokens);
    }

    private static ChainFollowers followers(List<ChainFollowerProperties.Chain> chains) {
        return new ChainFollowerConfiguration().chainFollowers(new ChainFollowerProperties(true, chains,
                Duration.ofMinutes(1), Duration.ofMinutes(5), 100), null, null, new NodeIdentity("node-1"),
                Clock.systemUTC());
    }
}
