package io.incidentledger.ledger.anchor;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Anchoring of signed checkpoints on an EVM chain (docs/ledger-anchoring.md), off unless {@code enabled}.
 *
 * <p>The signing account's private key is never a property value: it is read from {@code privateKeyFile}, or from
 * the environment variable that {@code privateKeyEnv} names, so that it stays out of properties files, the
 * environment endpoint and every log line.
 *
 * @param enabled              whether this node anchors at all
 * @param rpcUrl               the node's JSON-RPC endpoint (HTTP)
 * @param chainId              the chain the transactions are signed for (EIP-155); must equal the node's
 * @param privateKeyFile       a file holding the account's 32-byte private key as hex (optionally 0x-prefixed)
 * @param privateKeyEnv        or the name of an environment variable holding it
 * @param targetAddress        where the anchor transactions go; absent: the account's own address
 * @param interval             anchor when the newest checkpoint is this much newer than the last anchor ...
 * @param leaves               ... or when the log grew by this many leaves since the last anchor, whichever first
 * @param confirmations        blocks on top of (and including) the anchor's block before it counts as confirmed
 * @param pollInterval         how often the anchorer looks at the chain and the log
 * @param resendAfter          a transaction the node no longer knows is sent again at once; one it still holds
 *                             unmined this long is replaced with higher fees (same nonce)
 * @param gasLimitCap          the most gas one anchor transaction may use (the estimate is used below it)
 * @param maxFeePerGasCap      the most wei per gas the anchorer offers (EIP-1559 max fee, or legacy gas price);
 *                             above it, it waits rather than overpay
 * @param maxPriorityFeePerGas the EIP-1559 tip in wei; absent: what the node suggests
 * @param maxBackoff           the longest pause after failed passes (doubling from {@code pollInterval})
 */
@Validated
@ConfigurationProperties("incident-ledger.ledger.anchor")
public record AnchorProperties(@DefaultValue("false") boolean enabled,
                               URI rpcUrl,
                               @Positive Long chainId,
                               Path privateKeyFile,
                               String privateKeyEnv,
                               String targetAddress,
                               @NotNull @DefaultValue("1h") Duration interval,
                               @Positive @DefaultValue("100000") long leaves,
                               @PositiveOrZero @DefaultValue("12") int confirmations,
                               @NotNull @DefaultValue("15s") Duration pollInterval,
                               @NotNull @DefaultValue("30m") Duration resendAfter,
                               @Positive @DefaultValue("100000") long gasLimitCap,
                               @NotNull @DefaultValue("200000000000") BigInteger maxFeePerGasCap,
                               BigInteger maxPriorityFeePerGas,
                               @NotNull @DefaultValue("5m") Duration maxBackoff) {

    /** At least one confirmation: the block that holds the transaction. */
    public int requiredConfirmations() {
        return Math.max(1, confirmations);
    }
}
