package io.incidentledger.detection.chain;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The chain follower (docs/chain-follower.md): off unless {@code enabled}; then it follows every chain listed.
 *
 * @param enabled          whether this node follows chains at all
 * @param chains           the chains to follow, each with its own node and settings
 * @param lease            how long a node's claim on a chain lasts without being renewed; another node takes the
 *                         chain over once it has run out
 * @param maxBackoff       the longest pause after failed passes (doubling from the chain's poll interval)
 * @param maxBlocksPerPass blocks one pass reads at most before it renews its claim and starts the next pass
 */
@Validated
@ConfigurationProperties("incident-ledger.detection.chain-follower")
public record ChainFollowerProperties(@DefaultValue("false") boolean enabled,
                                      List<Chain> chains,
                                      @NotNull @DefaultValue("1m") Duration lease,
                                      @NotNull @DefaultValue("5m") Duration maxBackoff,
                                      @Positive @DefaultValue("100") int maxBlocksPerPass) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9._:-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public ChainFollowerProperties {
        chains = chains != null ? List.copyOf(chains) : List.of();
    }

    /**
     * One chain to follow.
     *
     * @param name          the chain's name as the rules name it ({@code ethereum}): the {@code chain} of every
     *                      transaction read
     * @param rpcUrl        the node's JSON-RPC endpoint (HTTP)
     * @param chainId       if set, the EIP-155 chain id the node must report, so that a misconfigured URL is caught
     * @param confirmations blocks on top of a block before it is read (0: the newest block at once)
     * @param pollInterval  how often the follower asks the node for new blocks
     * @param startBlock    where to begin when no cursor is stored yet; absent: after the newest confirmed block
     * @param reorgDepth    how many of the newest processed blocks' hashes are kept to recognise a reorganisation
     * @param nativeAsset   the asset name of the chain's own currency ({@code ETH})
     * @param tokens        ERC-20 tokens the rules name by symbol; other tokens are named by their address
     */
    public record Chain(String name, URI rpcUrl, Long chainId, Integer confirmations, Duration pollInterval,
                        Long startBlock, Integer reorgDepth, String nativeAsset, List<Token> tokens) {

        public Chain {
            confirmations = confirmations != null ? confirmations : 12;
            pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(15);
            reorgDepth = reorgDepth != null ? reorgDepth : 64;
            nativeAsset = nativeAsset != null && !nativeAsset.isBlank() ? nativeAsset.strip() : "ETH";
            tokens = tokens != null ? List.copyOf(tokens) : List.of();
        }

        /** Refuses settings the follower cannot work with, naming the setting. */
        void check(int index) {
            String prefix = "incident-ledger.detection.chain-follower.chains[" + index + "].";
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException(prefix + "name must be 1 to 64 lower-case letters, digits or . _ : -"
                        + " (the chain as the rules name it)");
            }
            if (rpcUrl == null || !List.of("http", "https").contains(String.valueOf(rpcUrl.getScheme())
                    .toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(prefix + "rpc-url must be an http or https URL");
            }
            if (chainId != null && chainId <= 0) {
                throw new IllegalStateException(prefix + "chain-id must be positive");
            }
            if (confirmations < 0 || reorgDepth < 1 || pollInterval.isNegative() || pollInterval.isZero()
                    || (startBlock != null && startBlock < 0)) {
                throw new IllegalStateException(prefix + "confirmations and start-block must not be negative, "
                        + "reorg-depth and poll-interval must be positive");
            }
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token == null || token.address() == null || !ADDRESS.matcher(token.address()).matches()
                        || token.symbol() == null || token.symbol().isBlank() || token.decimals() == null
                        || token.decimals() < 0 || token.decimals() > 77) {
                    throw new IllegalStateException(prefix + "tokens[" + i + "] needs an address (0x and 40 hex "
                            + "digits), a symbol and decimals from 0 to 77");
                }
            }
        }
    }

    /**
     * An ERC-20 token named by the rules.
     *
     * @param address  the token contract
     * @param symbol   the asset name its transfers carry (e.g. {@code USDC}), as in the rules' thresholds
     * @param decimals the token's decimals: amounts are divided by 10^decimals into whole units
     */
    public record Token(String address, String symbol, Integer decimals) {
    }
}
