package io.incidentledger.ledger.anchor;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Publishes the log's newest signed checkpoint in an EVM transaction and follows it until it has its confirmations
 * (docs/ledger-anchoring.md). Each {@link #pass()} is one step, in one database transaction holding the
 * {@code ledger_anchorer} row, so that one node anchors at a time and a restarted node carries on from the table:
 *
 * <ul>
 *     <li>with a transaction {@code SENT}: if a block holds it, record the block, and confirm it once it has enough
 *     confirmations (a failed one is {@code FAILED}); if the node no longer knows it (dropped, or its block reorged
 *     away) and its nonce is still free, broadcast the same signed bytes again; if the nonce was used by another
 *     transaction, it is {@code DROPPED} (or a replacement of it was mined); if it waited unmined for
 *     {@code resend-after}, replace it with higher fees and the same nonce;</li>
 *     <li>otherwise, when the log grew by {@code leaves} since the last anchor or {@code interval} passed, sign and
 *     send a new one: the pending nonce, the estimated gas (at most {@code gas-limit-cap}), EIP-1559 fees where the
 *     chain has a base fee and a legacy gas price elsewhere, never above {@code max-fee-per-gas-cap}.</li>
 * </ul>
 *
 * It never touches the admitter or the signer: it only reads signed checkpoints, so it cannot delay them.
 */
public class Anchorer {

    private static final Logger log = LoggerFactory.getLogger(Anchorer.class);
    private static final BigInteger DEFAULT_TIP = BigInteger.valueOf(1_000_000_000L);

    private final Web3j web3j;
    private final Credentials credentials;
    private final AnchorProperties properties;
    private final AnchorStore store;
    private final LedgerLog ledgerLog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Anchorer(Web3j web3j, Credentials credentials, AnchorProperties properties, AnchorStore store,
                    LedgerLog ledgerLog, TransactionTemplate transactions, Clock clock) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.properties = properties;
        this.store = store;
        this.ledgerLog = ledgerLog;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The account that signs anchors (an address, not a secret). */
    public String account() {
        return credentials.getAddress();
    }

    /** One step, as described above. */
    public void pass() {
        transactions.executeWithoutResult(status -> {
            store.lock();
            Optional<AnchorStore.Anchor> pending = store.pending();
            if (pending.isPresent()) {
                follow(pending.get());
            } else {
                sendIfDue();
            }
        });
    }

    private void follow(AnchorStore.Anchor anchor) {
        Optional<TransactionReceipt> receipt = receipt(anchor.txHash());
        if (receipt.isPresent()) {
            settle(anchor, receipt.get());
            return;
        }
        BigInteger used = call(web3j.ethGetTransactionCount(anchor.fromAddress(), DefaultBlockParameterName.LATEST),
                "eth_getTransactionCount").getTransactionCount();
        if (used.longValueExact() > anchor.nonce()) {
            for (AnchorStore.Anchor replaced : store.replacedOf(anchor.nonce(), anchor.fromAddress())) {
                if (receipt(replaced.txHash()).isPresent()) {
                    log.info("Anchor transaction {} was mined in place of its replacement {}", replaced.txHash(),
                            anchor.txHash());
                    store.status(anchor.id(), AnchorStore.REPLACED);
                    store.status(replaced.id(), AnchorStore.SENT);
                    return;
                }
            }
            log.warn("Anchor transaction {} can never be mined: nonce {} of {} was used by another transaction; "
                    + "anchoring again", anchor.txHash(), anchor.nonce(), anchor.fromAddress());
            store.status(anchor.id(), AnchorStore.DROPPED);
            return;
        }
        boolean known = call(web3j.ethGetTransactionByHash(anchor.txHash()), "eth_getTransactionByHash")
                .getTransaction().isPresent();
        if (!known) {
            broadcast(anchor.rawTransaction(), anchor.txHash());
            store.broadcastAgain(anchor.id());
            log.info("Anchor transaction {} (tree size {}) was dropped or reorged away; sent it again",
                    anchor.txHash(), anchor.treeSize());
        } else if (clock.instant().isAfter(anchor.sentAt().plus(properties.resendAfter()))) {
            replace(anchor);
        }
    }

    /** A block holds the transaction: record it, and confirm it once enough blocks are on top. */
    private void settle(AnchorStore.Anchor anchor, TransactionReceipt receipt) {
        if (!receipt.isStatusOK()) {
            log.warn("Anchor transaction {} was mined in block {} but failed; anchoring again", anchor.txHash(),
                    receipt.getBlockNumber());
            store.status(anchor.id(), AnchorStore.FAILED);
            return;
        }
        EthBlock.Block block = call(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()),
                false), "eth_getBlockByNumber").getBlock();
        if (block == null || !block.getHash().equalsIgnoreCase(receipt.getBlockHash())) {
            // the receipt's block is being reorged away: look again on the next pass
            return;
        }
        long blockNumber = receipt.getBlockNumber().longValueExact();
        Instant blockTime = Instant.ofEpochSecond(block.getTimestamp().longValueExact());
        long head = call(web3j.ethBlockNumber(), "eth_blockNumber").getBlockNumber().longValueExact();
        if (head - blockNumber + 1 >= properties.requiredConfirmations()) {
            store.confirmed(anchor.id(), blockNumber, block.getHash(), blockTime, clock.instant());
            log.info("Checkpoint of tree size {} anchored in block {} ({}) by transaction {}", anchor.treeSize(),
                    blockNumber, blockTime, anchor.txHash());
        } else if (anchor.blockHash() == null || !anchor.blockHash().equalsIgnoreCase(block.getHash())) {
            store.included(anchor.id(), blockNumber, block.getHash(), blockTime);
        }
    }

    private void sendIfDue() {
        Optional<LedgerLog.StoredCheckpoint> newest = ledgerLog.latestCheckpoint();
        if (newest.isEmpty() || newest.get().treeSize() == 0) {
            return;
        }
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(newest.get().note()).text());
        Optional<AnchorStore.Anchor> last = store.newestLive();
        if (last.isPresent()) {
            long grown = checkpoint.treeSize() - last.get().treeSize();
            boolean due = grown >= properties.leaves()
                    || !clock.instant().isBefore(last.get().sentAt().plus(properties.interval()));
            if (grown <= 0 || !due) {
                return;
            }
        }
        long chainId = call(web3j.ethChainId(), "eth_chainId").getChainId().longValueExact();
        if (chainId != properties.chainId()) {
            throw new IllegalStateException("the node at the anchor RPC URL serves chain " + chainId
                    + ", not the configured chain-id " + properties.chainId() + "; not anchoring");
        }
        BigInteger nonce = call(web3j.ethGetTransactionCount(account(), DefaultBlockParameterName.PENDING),
                "eth_getTransactionCount").getTransactionCount();
        String to = target();
        String data = Numeric.toHexString(AnchorCalldata.of(checkpoint.origin(), checkpoint.treeSize(),
                checkpoint.rootHash()));
        BigInteger estimate = call(web3j.ethEstimateGas(Transaction.createEthCallTransaction(account(), to, data)),
                "eth_estimateGas").getAmountUsed();
        BigInteger cap = BigInteger.valueOf(properties.gasLimitCap());
        if (estimate.compareTo(cap) > 0) {
            throw new IllegalStateException("an anchor needs " + estimate + " gas, more than gas-limit-cap " + cap);
        }
        BigInteger gasLimit = estimate.add(estimate.divide(BigInteger.TEN)).min(cap);
        Signed signed = sign(nonce, gasLimit, to, data, fees(null));
        store.insert(checkpoint.treeSize(), checkpoint.rootHash(), properties.chainId(), account(), to,
                nonce.longValueExact(), signed.hash(), signed.raw(), clock.instant());
        broadcast(signed.raw(), signed.hash());
        log.info("Anchoring the checkpoint of tree size {} in transaction {} (nonce {}, to {})",
                checkpoint.treeSize(), signed.hash(), nonce, to);
    }

    /** The same nonce again with fees a quarter higher, since the first waited too long. */
    private void replace(AnchorStore.Anchor anchor) {
        org.web3j.protocol.core.methods.response.Transaction sent = call(
                web3j.ethGetTransactionByHash(anchor.txHash()), "eth_getTransactionByHash").getTransaction()
                .orElseThrow();
        Fees fees = fees(sent);
        Signed signed = sign(BigInteger.valueOf(anchor.nonce()), sent.getGas(), anchor.toAddress(), sent.getInput(),
                fees);
        store.status(anchor.id(), AnchorStore.REPLACED);
        store.insert(anchor.treeSize(), anchor.rootHash(), anchor.chainId(), anchor.fromAddress(),
                anchor.toAddress(), anchor.nonce(), signed.hash(), signed.raw(), clock.instant());
        broadcast(signed.raw(), signed.hash());
        log.info("Anchor transaction {} waited unmined for {}; replaced it by {} with higher fees", anchor.txHash(),
                properties.resendAfter(), signed.hash());
    }

    /** EIP-1559 fees, or {@code maxPriority == null} for a legacy gas price. */
    private record Fees(BigInteger maxFee, BigInteger maxPriority) {
    }

    /**
     * The fees for a new transaction, or for the replacement of {@code replacing} (at least a quarter more than it
     * offered); never above the cap.
     */
    private Fees fees(org.web3j.protocol.core.methods.response.Transaction replacing) {
        BigInteger cap = properties.maxFeePerGasCap();
        EthBlock.Block latest = call(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false),
                "eth_getBlockByNumber").getBlock();
        Fees fees;
        if (latest.getBaseFeePerGasRaw() != null) {
            BigInteger tip = properties.maxPriorityFeePerGas();
            if (tip == null) {
                tip = suggestedTip();
            }
            BigInteger maxFee = latest.getBaseFeePerGas().shiftLeft(1).add(tip);
            if (replacing != null && replacing.getMaxFeePerGasRaw() != null) {
                tip = tip.max(bump(replacing.getMaxPriorityFeePerGas()));
                maxFee = maxFee.max(bump(replacing.getMaxFeePerGas()));
            }
            if (latest.getBaseFeePerGas().add(tip).compareTo(cap) > 0) {
                throw new IllegalStateException("the chain's base fee plus tip is above max-fee-per-gas-cap " + cap
                        + " wei; waiting for cheaper blocks");
            }
            fees = new Fees(maxFee.min(cap), tip);
        } else {
            BigInteger price = call(web3j.ethGasPrice(), "eth_gasPrice").getGasPrice();
            if (replacing != null) {
                price = price.max(bump(replacing.getGasPrice()));
            }
            if (price.compareTo(cap) > 0) {
                throw new IllegalStateException("the gas price " + price + " is above max-fee-per-gas-cap " + cap
                        + " wei; waiting for cheaper blocks");
            }
            fees = new Fees(price, null);
        }
        return fees;
    }

    private BigInteger suggestedTip() {
        try {
            return call(web3j.ethMaxPriorityFeePerGas(), "eth_maxPriorityFeePerGas").getMaxPriorityFeePerGas();
        } catch (RuntimeException notSupported) {
            return DEFAULT_TIP;
        }
    }

    private static BigInteger bump(BigInteger offered) {
        return offered.add(offered.shiftRight(2)).add(BigInteger.ONE);
    }

    private record Signed(String raw, String hash) {
    }

    private Signed sign(BigInteger nonce, BigInteger gasLimit, String to, String data, Fees fees) {
        byte[] signed;
        if (fees.maxPriority() != null) {
            signed = TransactionEncoder.signMessage(RawTransaction.createTransaction(properties.chainId(), nonce,
                    gasLimit, to, BigInteger.ZERO, data, fees.maxPriority(), fees.maxFee()), credentials);
        } else {
            signed = TransactionEncoder.signMessage(RawTransaction.createTransaction(nonce, fees.maxFee(), gasLimit,
                    to, BigInteger.ZERO, data), properties.chainId(), credentials);
        }
        return new Signed(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
    }

    /** Sends the signed bytes; a node that already holds them is no failure. */
    private void broadcast(String raw, String hash) {
        Response<String> sent = send(web3j.ethSendRawTransaction(raw));
        if (sent.hasError()) {
            String message = String.valueOf(sent.getError().getMessage());
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("already known") || lower.contains("known transaction")
                    || lower.contains("already imported")) {
                return;
            }
            throw new IllegalStateException("the node refused anchor transaction " + hash + ": " + message);
        }
    }

    private Optional<TransactionReceipt> receipt(String hash) {
        return call(web3j.ethGetTransactionReceipt(hash), "eth_getTransactionReceipt").getTransactionReceipt();
    }

    private String target() {
        String target = properties.targetAddress();
        return target == null || target.isBlank() ? account() : target;
    }

    private static <T extends Response<?>> T call(org.web3j.protocol.core.Request<?, T> request, String method) {
        T response = send(request);
        if (response.hasError()) {
            throw new IllegalStateException("the chain node refused " + method + ": "
                    + response.getError().getMessage());
        }
        return response;
    }

    private static <T extends Response<?>> T send(org.web3j.protocol.core.Request<?, T> request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the chain node: " + e.getMessage(), e);
        }
    }
}
