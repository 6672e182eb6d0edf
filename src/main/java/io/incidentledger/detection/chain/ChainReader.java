package io.incidentledger.detection.chain;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.incidentledger.detection.rules.ChainTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.utils.Numeric;

/**
 * Reads one chain over JSON-RPC (web3j) and turns a block into what the rules see: each transaction, with its
 * native amount, the call it makes and its status from the receipt, and, for a successful one, each ERC-20
 * {@code Transfer} and admin event in its logs as a {@link ChainTransaction} of its own (with its log index).
 * Every failure of the node is a {@link ChainRpcException}.
 */
class ChainReader {

    private static final int MAX_TOKENS_CACHED = 10_000;
    private static final String DECIMALS = EvmSignatures.selector("decimals()");
    private static final Pattern WORD = Pattern.compile("0x[0-9a-fA-F]{64}");
    /** 10^77 is the largest power of ten below 2^256: more decimals than that make no sense. */
    static final int MAX_DECIMALS = 77;

    private final Web3j web3j;
    private final ChainFollowerProperties.Chain chain;
    private final Map<String, ChainFollowerProperties.Token> configured = new LinkedHashMap<>();
    /** Decimals of tokens that are not configured, as their contracts answer; least recently used dropped. */
    private final Map<String, Integer> decimals = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TOKENS_CACHED;
        }
    };

    ChainReader(Web3j web3j, ChainFollowerProperties.Chain chain) {
        this.web3j = web3j;
        this.chain = chain;
        chain.tokens().forEach(token -> configured.put(token.address().toLowerCase(Locale.ROOT), token));
    }

    /** A call to the node failed or was refused. */
    static final class ChainRpcException extends RuntimeException {

        ChainRpcException(String message) {
            super(message);
        }
    }

    /** The block a header names, as far as the follower needs it. */
    record BlockHeader(long number, String hash, String parentHash) {
    }

    /** The newest block number. */
    long head() {
        return send(web3j.ethBlockNumber(), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    /** The chain id the node reports. */
    long chainId() {
        return send(web3j.ethChainId(), "eth_chainId").getChainId().longValueExact();
    }

    /** The header of the block at a height; empty when the node has none there. */
    Optional<BlockHeader> header(long number) {
        return block(number, false).map(ChainReader::header);
    }

    /** The block at a height with its transactions; empty when the node has none there. */
    Optional<EthBlock.Block> block(long number, boolean withTransactions) {
        EthBlock answer = send(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)),
                withTransactions), "eth_getBlockByNumber");
        return Optional.ofNullable(answer.getBlock());
    }

    static BlockHeader header(EthBlock.Block block) {
        return new BlockHeader(block.getNumber().longValueExact(), lower(block.getHash()),
                lower(block.getParentHash()));
    }

    /** Every transaction of the block and every token transfer and admin event of their logs, in block order. */
    List<ChainTransaction> transactions(EthBlock.Block block) {
        long number = block.getNumber().longValueExact();
        Instant time = block.getTimestamp() == null ? null
                : Instant.ofEpochSecond(block.getTimestamp().longValueExact());
        List<ChainTransaction> read = new ArrayList<>();
        for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
            if (!(result.get() instanceof Transaction transaction)) {
                throw new ChainRpcException("the node sent block " + number + " without its transactions");
            }
            String hash = lower(transaction.getHash());
            TransactionReceipt receipt = send(web3j.ethGetTransactionReceipt(hash), "eth_getTransactionReceipt")
                    .getTransactionReceipt()
                    .orElseThrow(() -> new ChainRpcException("the node has no receipt for transaction " + hash
                            + " of block " + number));
            if (receipt.getBlockHash() != null && !receipt.getBlockHash().equalsIgnoreCase(block.getHash())) {
                // the chain reorganised while the block was read: the next pass reads the height again
                throw new ChainRpcException("transaction " + hash + " left block " + number + " while it was read");
            }
            String from = lower(transaction.getFrom());
            ChainTransaction.Status status = receipt.isStatusOK() ? ChainTransaction.Status.SUCCESS
                    : ChainTransaction.Status.FAILED;
            BigInteger value = transaction.getValue() == null ? BigInteger.ZERO : transaction.getValue();
            boolean moves = value.signum() > 0;
            read.add(new ChainTransaction(chain.name(), hash, number, time, from, lower(transaction.getTo()),
                    moves ? chain.nativeAsset() : null, moves ? units(value, 18) : null,
                    EvmSignatures.method(transaction.getInput()), status));
            if (status == ChainTransaction.Status.SUCCESS && receipt.getLogs() != null) {
                for (Log log : receipt.getLogs()) {
                    event(chain.name(), hash, number, time, from, log).ifPresent(read::add);
                }
            }
        }
        return read;
    }

    private Optional<ChainTransaction> event(String chainName, String hash, long number, Instant time, String sender,
                                             Log log) {
        List<String> topics = log.getTopics();
        if (topics == null || topics.isEmpty() || log.getAddress() == null || log.getLogIndex() == null) {
            return Optional.empty();
        }
        String contract = lower(log.getAddress());
        int logIndex = log.getLogIndex().intValueExact();
        String first = lower(topics.get(0));
        if (EvmSignatures.TRANSFER_TOPIC.equals(first)) {
            // ERC-20 only: ERC-721 indexes its token id as a fourth topic and has no amount in its data
            byte[] data = log.getData() == null ? new byte[0] : Numeric.hexStringToByteArray(log.getData());
            if (topics.size() != 3 || data.length != 32) {
                return Optional.empty();
            }
            ChainFollowerProperties.Token token = configured.get(contract);
            String asset = token != null ? token.symbol() : contract;
            int scale = token != null ? token.decimals() : decimalsOf(contract);
            return Optional.of(new ChainTransaction(chainName, hash, number, time, address(topics.get(1)),
                    address(topics.get(2)), asset, units(new BigInteger(1, data), scale), null,
                    ChainTransaction.Status.SUCCESS, logIndex));
        }
        String signature = EvmSignatures.privilegedEvent(first);
        if (signature == null) {
            return Optional.empty();
        }
        return Optional.of(new ChainTransaction(chainName, hash, number, time, sender, contract, null, null,
                signature, ChainTransaction.Status.SUCCESS, logIndex));
    }

    /**
     * The decimals of a token that is not configured, as its {@code decimals()} answers (cached); 0 when it does not
     * answer a number from 0 to 77, so that its amounts stay in base units.
     */
    private int decimalsOf(String contract) {
        synchronized (decimals) {
            Integer known = decimals.get(contract);
            if (known != null) {
                return known;
            }
        }
        String answer = send(web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction
                .createEthCallTransaction(null, contract, DECIMALS), DefaultBlockParameter.valueOf("latest")),
                "eth_call").getValue();
        int found = 0;
        if (answer != null && WORD.matcher(answer).matches()) {
            BigInteger value = Numeric.toBigInt(answer);
            found = value.compareTo(BigInteger.valueOf(MAX_DECIMALS)) <= 0 ? value.intValueExact() : 0;
        }
        synchronized (decimals) {
            decimals.put(contract, found);
        }
        return found;
    }

    private static BigDecimal units(BigInteger baseUnits, int decimals) {
        BigDecimal amount = new BigDecimal(baseUnits, decimals);
        return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    }

    /** The address in the last 20 bytes of a 32-byte topic. */
    private static String address(String topic) {
        String hex = Numeric.cleanHexPrefix(topic);
        return "0x" + hex.substring(Math.max(0, hex.length() - 40)).toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private <T extends Response<?>> T send(Request<?, T> request, String method) {
        T answer;
        try {
            answer = request.send();
        } catch (IOException e) {
            // the exception's own message may hold the URL, and an RPC URL often holds a provider's key
            throw new ChainRpcException("cannot reach the node of " + chain.name() + " for " + method + ": "
                    + e.getClass().getSimpleName());
        } catch (ClientConnectionException e) {
            throw new ChainRpcException("the node of " + chain.name() + " answered " + method + " with an HTTP error");
        }
        if (answer.hasError()) {
            throw new ChainRpcException("the node of " + chain.name() + " refused " + method + ": "
                    + answer.getError().getMessage());
        }
        return answer;
    }
}
