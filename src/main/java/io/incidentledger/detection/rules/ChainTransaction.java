package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One on-chain transaction (or event) as the rules see it, already validated.
 *
 * @param chain     the chain's name, e.g. {@code ethereum}
 * @param hash      the transaction hash
 * @param block     the block number
 * @param timestamp the block time, if known; windows use it, else the time the batch was received
 * @param from      the sender
 * @param to        the recipient or called contract; null for a contract creation
 * @param asset     the asset moved, e.g. {@code ETH} or {@code USDC}; null when nothing is moved
 * @param amount    the amount moved in whole units of the asset (not wei); null when nothing is moved
 * @param method    the method name or signature called, or the event signature; null for a plain transfer
 * @param status    whether the transaction succeeded
 * @param logIndex  for an event read from a transaction's logs (a token transfer, an admin event), its log index in
 *                  the block, so that two events of one transaction are two alerts; null for the transaction itself
 */
public record ChainTransaction(String chain, String hash, long block, Instant timestamp, String from, String to,
                               String asset, BigDecimal amount, String method, Status status, Integer logIndex) {

    /** The outcome of a transaction on chain. */
    public enum Status {
        SUCCESS, FAILED
    }

    public ChainTransaction {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(status, "status");
    }

    /** The transaction itself, not one of its events. */
    public ChainTransaction(String chain, String hash, long block, Instant timestamp, String from, String to,
                            String asset, BigDecimal amount, String method, Status status) {
        this(chain, hash, block, timestamp, from, to, asset, amount, method, status, null);
    }

    /**
     * What makes this one alert of a stateless rule: the transaction hash, or for one of its events the hash and
     * {@code #} and the log index.
     */
    public String id() {
        return logIndex == null ? hash : hash + "#" + logIndex;
    }

    /** The time the windows count this transaction at: its block time, else when it was received. */
    public Instant time(Instant receivedAt) {
        return timestamp != null ? timestamp : receivedAt;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** Addresses compare case-insensitively (EVM checksum case carries no meaning here). */
    static String normalize(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }
}
