package io.incidentledger.detection.chain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import org.springframework.context.SmartLifecycle;
import org.web3j.protocol.Web3j;

/**
 * The followers of every configured chain, started and stopped together with the other writers. Each start makes
 * them afresh (a new connection, nothing remembered in memory): where they begin comes from the stored cursors.
 */
public class ChainFollowers implements SmartLifecycle {

    /** A chain and how to connect to its node. */
    record Followed(ChainFollowerProperties.Chain chain, Supplier<Web3j> connect) {
    }

    private final List<Followed> chains;
    private final ChainFollowerProperties properties;
    private final ChainCursorStore store;
    private final TransactionIngest ingest;
    private final String owner;
    private final Clock clock;
    private final List<ChainFollowerLoop> loops = new ArrayList<>();
    private final List<Web3j> connections = new ArrayList<>();

    ChainFollowers(List<Followed> chains, ChainFollowerProperties properties, ChainCursorStore store,
                   TransactionIngest ingest, String owner, Clock clock) {
        this.chains = List.copyOf(chains);
        this.properties = properties;
        this.store = store;
        this.ingest = ingest;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!loops.isEmpty()) {
            return;
        }
        for (Followed followed : chains) {
            Web3j web3j = followed.connect().get();
            connections.add(web3j);
            ChainFollower follower = new ChainFollower(followed.chain(), new ChainReader(web3j, followed.chain()),
                    store, ingest, clock, owner, properties);
            ChainFollowerLoop loop = new ChainFollowerLoop(follower, followed.chain().pollInterval(),
                    properties.maxBackoff(), clock);
            loops.add(loop);
            loop.start();
        }
    }

    @Override
    public synchronized void stop() {
        loops.forEach(ChainFollowerLoop::stop);
        loops.clear();
        connections.forEach(Web3j::shutdown);
        connections.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !loops.isEmpty();
    }

    @Override
    public int getPhase() {
        return BackgroundLoop.WRITERS_PHASE;
    }

    /** The running follower of a chain. */
    synchronized Optional<ChainFollower> follower(String chain) {
        return loops.stream().map(ChainFollowerLoop::follower).filter(follower -> follower.chain().equals(chain))
                .findFirst();
    }
}
