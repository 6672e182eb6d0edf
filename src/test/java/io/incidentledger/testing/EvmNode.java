package io.incidentledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.incidentledger.ledger.anchor.ChainRpc;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A real local EVM node for the anchoring tests: ganache 7 from npm, started on a free loopback port with the
 * deterministic wallet (ten funded accounts whose keys every ganache prints), chain id {@link #CHAIN_ID}, mining a
 * block for each transaction. Found at {@code $INCIDENT_LEDGER_GANACHE}, else {@link #INSTALLED} (where
 * {@code .ci/run} installs it), else {@code target/evm-node}. Its output goes to {@code target/evm-node/}.
 */
public final class EvmNode implements AutoCloseable {

    /** Where .ci/run installs ganache: {@code npm install --prefix /opt/incident-ledger/evm-node ganache@7.9.2}. */
    public static final Path INSTALLED = Path.of("/opt/incident-ledger/evm-node/node_modules/.bin/ganache");
    static final Path IN_TARGET = Path.of("target/evm-node/node_modules/.bin/ganache");
    static final String ENVIRONMENT = "INCIDENT_LEDGER_GANACHE";
    public static final long CHAIN_ID = 1337;
    /** Account 0 of ganache's deterministic wallet: a published test key that holds nothing on any real chain. */
    public static final String ACCOUNT_0_KEY = "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    public static final String ACCOUNT_0 = "0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1";

    static final String SKIPPED = "EVM node tests skipped: ganache is not installed. Install it with "
            + "'npm install --prefix /opt/incident-ledger/evm-node ganache@7.9.2' (or set " + ENVIRONMENT
            + " to a ganache executable); under CI=true these tests fail instead";

    private final Process process;
    private final URI url;
    private final ChainRpc rpc;

    private EvmNode(Process process, URI url) {
        this.process = process;
        this.url = url;
        this.rpc = new ChainRpc(url);
    }

    /** Starts a node and waits until it answers. */
    public static EvmNode start() {
        Path ganache = locate(System::getenv, Files::isExecutable);
        if (ganache == null) {
            throw new IllegalStateException(SKIPPED);
        }
        int port = freePort();
        Path logs = Path.of("target/evm-node");
        try {
            Files.createDirectories(logs);
            Process process = new ProcessBuilder(List.of(ganache.toString(), "--server.host", "127.0.0.1",
                    "--server.port", Integer.toString(port), "--wallet.deterministic",
                    "--chain.chainId", Long.toString(CHAIN_ID), "--logging.quiet"))
                    .redirectErrorStream(true).redirectOutput(logs.resolve("ganache-" + port + ".log").toFile())
                    .start();
            EvmNode node = new EvmNode(process, URI.create("http://127.0.0.1:" + port));
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ganache at " + ganache, e);
        }
    }

    public URI url() {
        return url;
    }

    public ChainRpc rpc() {
        return rpc;
    }

    /** Mines one block ({@code evm_mine}). */
    public void mine() {
        rpc.call("evm_mine");
    }

    /** Takes a snapshot of the chain ({@code evm_snapshot}); returns its id. */
    public String snapshot() {
        return rpc.call("evm_snapshot").asText();
    }

    /** Reverts the chain to the snapshot, dropping every block and transaction after it ({@code evm_revert}). */
    public void revert(String snapshot) {
        if (!rpc.call("evm_revert", snapshot).asBoolean()) {
            throw new IllegalStateException("ganache did not revert to snapshot " + snapshot);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                rpc.chainId();
                return;
            } catch (ChainRpc.ChainRpcException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("ganache did not answer at " + url + ": " + notYet.getMessage());
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while ganache started", e);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path locate(UnaryOperator<String> environment, Predicate<Path> executable) {
        String configured = environment.apply(ENVIRONMENT);
        if (configured != null && !configured.isBlank()) {
            return executable.test(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (Path candidate : List.of(INSTALLED, IN_TARGET)) {
            if (executable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips without ganache, except under {@code CI=true}, where the test runs and fails. */
    static final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult result = evaluate(System::getenv, Files::isExecutable);
            if (result.isDisabled() && context.getTestMethod().isEmpty()) {
                LoggerFactory.getLogger(EvmNode.class).warn("{}: {}", context.getDisplayName(), SKIPPED);
            }
            return result;
        }

        static ConditionEvaluationResult evaluate(UnaryOperator<String> environment, Predicate<Path> executable) {
            if (locate(environment, executable) != null) {
                return ConditionEvaluationResult.enabled("ganache is installed");
            }
            if ("true".equalsIgnoreCase(environment.apply("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: EVM node tests run, and fail without ganache");
            }
            return ConditionEvaluationResult.disabled(SKIPPED);
        }
    }
}
