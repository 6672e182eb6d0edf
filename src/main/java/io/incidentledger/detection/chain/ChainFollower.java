package io.incidentledger.detection.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.security.Roles;
import io.incidentledger.security.ServiceActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Follows one chain: each pass claims the chain (one node at a time), checks that the blocks it processed are still
 * on the chain, and reads the blocks that have their confirmations, in order, through the same rules and correlation
 * as {@code POST /api/transactions}, as its own actor. The cursor moves past a block only once its detections are
 * recorded, so a node that stops in the middle reads that block again, and the correlation recognises its detections
 * as DUPLICATEs.
 *
 * <p>A reorganisation: when the newest processed block is no longer the chain's block at its height, or a new block's
 * parent is not the block processed below it, the follower forgets the replaced block and reads the chain's block at
 * that height again, evaluating its transactions; those it had already evaluated yield the same alert ids and count
 * once.
 */
class ChainFollower {

    /** The follower of a chain acts as {@code chain-follower:<chain>}, a service with the DETECTOR role. */
    static final String ACTOR_PREFIX = "chain-follower:";

    private static final Logger log = LoggerFactory.getLogger(ChainFollower.class);

    private final ChainFollowerProperties.Chain chain;
    private final ChainReader reader;
    private final ChainCursorStore store;
    private final TransactionIngest ingest;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final int maxBlocksPerPass;
    private final ServiceActor actor;
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private boolean chainIdChecked;

    ChainFollower(ChainFollowerProperties.Chain chain, ChainReader reader, ChainCursorStore store,
                  TransactionIngest ingest, Clock clock, String owner, ChainFollowerProperties properties) {
        this.chain = chain;
        this.reader = reader;
        this.store = store;
        this.ingest = ingest;
        this.clock = clock;
        this.owner = owner;
        this.lease = properties.lease();
        this.maxBlocksPerPass = properties.maxBlocksPerPass();
        this.actor = new ServiceActor(ACTOR_PREFIX + chain.name(), Roles.DETECTOR);
    }

    String chain() {
        return chain.name();
    }

    /** Blocks this follower has processed since it was made. */
    long blocksProcessed() {
        return blocks.get();
    }

    /** Processed blocks this follower found replaced by a reorganisation since it was made. */
    long blocksReplaced() {
        return replaced.get();
    }

    /**
     * One pass. Failures of the node or the database propagate (the loop backs off); a lost lease ends the pass.
     *
     * @return whether confirmed blocks are left to read at once
     */
    boolean pass() {
        checkChainId();
        long head = reader.head();
        long confirmed = head - chain.confirmations();
        Instant now = clock.instant();
        if (!store.claim(chain.name(), owner, now, now.plus(lease),
                () -> chain.startBlock() != null ? chain.startBlock() : Math.max(0, confirmed + 1))) {
            return false;
        }
        try {
            rewindReplaced(head);
            long next = store.next(chain.name());
            int read = 0;
            while (next <= confirmed && read < maxBlocksPerPass) {
                Optional<EthBlock.Block> found = reader.block(next, true);
                if (found.isEmpty()) {
                    return false;
                }
                EthBlock.Block block = found.get();
                ChainReader.BlockHeader header = ChainReader.header(block);
                Optional<String> parent = store.hash(chain.name(), next - 1);
                if (parent.isPresent() && !parent.get().equals(header.parentHash())) {
                    replaced(next - 1, parent.get());
                    next--;
                    continue;
                }
                evaluate(block, header);
                Instant at = clock.instant();
                store.processed(chain.name(), owner, next, header.hash(), chain.reorgDepth(), at, at.plus(lease));
                blocks.incrementAndGet();
                next++;
                read++;
            }
            return next <= confirmed;
        } catch (ChainCursorStore.LeaseLost lost) {
            log.info("Chain follower of {} stops: {}", chain.name(), lost.getMessage());
            return false;
        }
    }

    /** Gives the chain up for another node to take over at once (on a stop). */
    void release() {
        store.release(chain.name(), owner);
    }

    private void checkChainId() {
        if (chainIdChecked || chain.chainId() == null) {
            return;
        }
        long reported = reader.chainId();
        if (reported != chain.chainId()) {
            throw new IllegalStateException("the node configured for " + chain.name() + " serves chain id "
                    + reported + ", not " + chain.chainId() + ": not following it");
        }
        chainIdChecked = true;
    }

    /** Walks back from the newest processed block while the chain has another block (or none) at its height. */
    private void rewindReplaced(long head) {
        Optional<ChainCursorStore.StoredBlock> newest = store.newest(chain.name());
        while (newest.isPresent()) {
            ChainCursorStore.StoredBlock stored = newest.get();
            Optional<ChainReader.BlockHeader> onChain = stored.number() <= head ? reader.header(stored.number())
                    : Optional.empty();
            if (onChain.isPresent() && onChain.get().hash().equals(stored.hash())) {
                return;
            }
            replaced(stored.number(), stored.hash());
            newest = store.newest(chain.name());
        }
    }

    private void replaced(long number, String hash) {
        Instant now = clock.instant();
        store.rewind(chain.name(), owner, number, now);
        replaced.incrementAndGet();
        log.info("Chain follower of {}: block {} ({}) was replaced by a reorganisation; reading that height again",
                chain.name(), number, hash);
    }

    private void evaluate(EthBlock.Block block, ChainReader.BlockHeader header) {
        List<ChainTransaction> transactions = reader.transactions(block);
        if (transactions.isEmpty()) {
            return;
        }
        actor.run(() -> ingest.ingest(transactions, clock.instant(), payloadSha256(header)));
    }

    /** What the detections say they were read from: SHA-256 of {@code <chain>:<block number>:<block hash>}. */
    private String payloadSha256(ChainReader.BlockHeader header) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (chain.name() + ":" + header.number() + ":" + header.hash()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
