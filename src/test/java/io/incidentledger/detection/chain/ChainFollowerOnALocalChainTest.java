package io.incidentledger.detection.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.ActorType;
import io.incidentledger.testing.EvmNode;
import io.incidentledger.testing.RequiresEvmNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The chain follower on a real local EVM node (ganache): contracts deployed and transactions sent by the test go
 * through the same rules and correlation as {@code POST /api/transactions}, as the follower's own actor; a
 * reorganisation forced with {@code evm_snapshot}/{@code evm_revert} is recognised, the replacing block evaluated and
 * nothing counted twice; a restart resumes from the stored cursor; only one node follows the chain at a time.
 */
@RequiresEvmNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:chain-follower;DB_CLOSE_DELAY=-1",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/chain-follower/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/chain-follower/witness.checkpoint",
        "incident-ledger.detection.rules.large-transfer.thresholds[0].chain=local",
        "incident-ledger.detection.rules.large-transfer.thresholds[0].asset=ETH",
        "incident-ledger.detection.rules.large-transfer.thresholds[0].threshold=50",
        "incident-ledger.detection.rules.large-transfer.thresholds[1].chain=local",
        "incident-ledger.detection.rules.large-transfer.thresholds[1].asset=WTK",
        "incident-ledger.detection.rules.large-transfer.thresholds[1].threshold=1000",
        "incident-ledger.detection.rules.privileged-call.contracts[0].chain=local",
        "incident-ledger.detection.rules.privileged-call.contracts[0].methods=transferOwnership,OwnershipTransferred,"
                + "pause,Paused,grantRole,RoleGranted,upgradeTo,Upgraded",
        "incident-ledger.detection.rules.failed-transaction-spike.enabled=false",
        "incident-ledger.detection.chain-follower.enabled=true",
        "incident-ledger.detection.chain-follower.max-backoff=200ms"
})
class ChainFollowerOnALocalChainTest {

    private static final Path OUTPUT = Path.of("target/test-ledger/chain-follower");
    private static final Path CONTRACTS = Path.of("src/test/resources/chain-follower");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHAIN = "local";
    private static final String ACTOR = "chain-follower:local";
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    /** WatchedToken has 6 decimals: 5000 WTK, above the 1000 WTK threshold. */
    private static final BigInteger LARGE_TOKEN_AMOUNT = BigInteger.valueOf(5_000_000_000L);
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);

    /** The first contract account 0 deploys on a fresh node: where the test's token is. */
    private static final String TOKEN = ContractUtils.generateContractAddress(EvmNode.ACCOUNT_0, BigInteger.ZERO);

    private static EvmNode node;
    private static List<String> accounts;

    @Autowired
    ChainFollowers followers;

    @Autowired
    ChainCursorStore store;

    @Autowired
    ChainFollowerProperties properties;

    @Autowired
    TransactionIngest ingest;

    @Autowired
    EventStorageEngine events;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startTheNode() throws IOException {
        Files.createDirectories(OUTPUT);
        Files.deleteIfExists(OUTPUT.resolve("witness.checkpoint"));
        node = EvmNode.start();
        accounts = new java.util.ArrayList<>();
        node.rpc().call("eth_accounts").forEach(account -> accounts.add(account.asText().toLowerCase()));
    }

    @AfterAll
    static void stopTheNode() {
        if (node != null) {
            node.close();
        }
    }

    @DynamicPropertySource
    static void theNode(DynamicPropertyRegistry registry) {
        // a list is bound from one property source only: the whole chain is given here
        String chain = "incident-ledger.detection.chain-follower.chains[0].";
        registry.add(chain + "name", () -> CHAIN);
        registry.add(chain + "rpc-url", () -> node.url().toString());
        registry.add(chain + "chain-id", () -> EvmNode.CHAIN_ID);
        registry.add(chain + "confirmations", () -> 1);
        registry.add(chain + "poll-interval", () -> "50ms");
        registry.add(chain + "start-block", () -> 0);
        registry.add(chain + "tokens[0].address", () -> TOKEN);
        registry.add(chain + "tokens[0].symbol", () -> "WTK");
        registry.add(chain + "tokens[0].decimals", () -> 6);
    }

    @Test
    @Order(1)
    void transfersTokenTransfersAndAdminChangesBecomeDetectionsOfTheRulesCausedByTheFollower() throws IOException {
        String owner = accounts.get(0);
        String stranger = accounts.get(5);
        String token = deploy("WatchedToken", new Uint256(LARGE_TOKEN_AMOUNT.multiply(BigInteger.TEN)));
        assertThat(token).isEqualTo(TOKEN);
        String proxy = deploy("WatchedProxy", new Address(token));

        String ether = send(owner, accounts.get(1), ETHER.multiply(BigInteger.valueOf(60)), "0x");
        String small = send(owner, accounts.get(1), ETHER, "0x");
        String tokens = call(owner, token, "transfer", new Address(accounts.get(2)), new Uint256(LARGE_TOKEN_AMOUNT));
        String ownership = call(owner, token, "transferOwnership", new Address(accounts.get(3)));
        String refused = send(stranger, token, BigInteger.ZERO, FunctionEncoder.encode(
                new Function("transferOwnership", List.of(new Address(stranger)), List.of())));
        assertThat(node.rpc().call("eth_getTransactionReceipt", refused).path("status").asText()).isEqualTo("0x0");
        String paused = call(accounts.get(3), token, "pause");
        String role = call(accounts.get(3), token, "grantRole",
                new Bytes32(Hash.sha3("MINTER_ROLE".getBytes(StandardCharsets.UTF_8))), new Address(stranger));
        String upgraded = call(owner, proxy, "upgradeTo", new Address(stranger));
        long last = blockOf(upgraded);

        // one confirmation: the newest block waits for the next one
        await().atMost(WAIT).until(() -> store.next(CHAIN) == last);
        assertThat(alertIds()).doesNotContain("privileged-call:" + upgraded);
        node.mine();
        await().atMost(WAIT).until(() -> store.next(CHAIN) == last + 1);

        Map<String, EventMessage<DetectionAttached>> detections = detections();
        assertThat(detections.keySet()).contains(
                "large-transfer:" + ether,
                "large-transfer:" + tokens + "#" + logIndex(tokens, 0),
                "privileged-call:" + ownership, "privileged-call:" + ownership + "#" + logIndex(ownership, 0),
                "privileged-call:" + paused, "privileged-call:" + paused + "#" + logIndex(paused, 0),
                "privileged-call:" + role, "privileged-call:" + role + "#" + logIndex(role, 0),
                "privileged-call:" + upgraded, "privileged-call:" + upgraded + "#" + logIndex(upgraded, 0));
        assertThat(detections.keySet()).noneMatch(id -> id.contains(small));
        assertThat(detections.get("privileged-call:" + refused).getPayload().detection().description())
                .as("a failed call by a stranger is a warning too").contains("by " + stranger + " (FAILED");

        Detection tokenTransfer = detections.get("large-transfer:" + tokens + "#" + logIndex(tokens, 0))
                .getPayload().detection();
        assertThat(tokenTransfer.source()).isEqualTo(DetectionSource.TRANSACTION_RULE);
        assertThat(tokenTransfer.chainId()).isEqualTo(CHAIN);
        assertThat(tokenTransfer.name()).isEqualTo("Large transfer of 5000 WTK on local");
        assertThat(tokenTransfer.addresses()).containsExactly(owner, accounts.get(2));
        assertThat(tokenTransfer.transactions()).containsExactly(tokens);
        assertThat(tokenTransfer.observedAt()).isNotNull();
        Detection event = detections.get("privileged-call:" + ownership + "#" + logIndex(ownership, 0))
                .getPayload().detection();
        assertThat(event.name()).isEqualTo("Privileged call OwnershipTransferred(address,address) on " + token);
        assertThat(event.correlationKey()).isEqualTo("rule:privileged-call:local:" + token);
        assertThat(detections.get("privileged-call:" + upgraded).getPayload().detection().name())
                .isEqualTo("Privileged call upgradeTo(address) on " + proxy);

        assertThat(detections.values()).allSatisfy(message -> {
            assertThat(message.getMetaData().get(ActorMetadata.ACTOR)).isEqualTo(ACTOR);
            assertThat(message.getMetaData().get(ActorMetadata.ACTOR_TYPE)).isEqualTo(ActorType.SERVICE.name());
            assertThat(message.getMetaData().get(ActorMetadata.ACTOR_ROLES)).isEqualTo("DETECTOR");
        });
    }

    @Test
    @Order(2)
    void aReplacedBlockIsReadAgainAndATransactionInBothChainsCountsOnce() {
        String snapshot = node.snapshot();
        long replacedBefore = follower().blocksReplaced();
        Map<String, Object> repeated = transfer(accounts.get(6), accounts.get(7), 70);
        String first = node.rpc().call("eth_sendTransaction", repeated).asText();
        long firstBlock = blockOf(first);
        node.mine();
        await().atMost(WAIT).until(() -> store.next(CHAIN) > firstBlock);
        String replacedHash = store.hash(CHAIN, firstBlock).orElseThrow();
        assertThat(count("large-transfer:" + first)).isEqualTo(1);

        node.revert(snapshot);
        // the replacing chain: another transfer first, then the same transaction (same sender, nonce and signature)
        String other = send(accounts.get(8), accounts.get(7), ETHER.multiply(BigInteger.valueOf(80)), "0x");
        String again = node.rpc().call("eth_sendTransaction", repeated).asText();
        assertThat(again).isEqualTo(first);
        assertThat(blockOf(other)).isEqualTo(firstBlock);
        long againBlock = blockOf(again);
        node.mine();

        await().atMost(WAIT).until(() -> store.next(CHAIN) > againBlock
                && store.hash(CHAIN, againBlock).isPresent());
        assertThat(store.hash(CHAIN, firstBlock)).get().isNotEqualTo(replacedHash);
        assertThat(follower().blocksReplaced()).isGreaterThan(replacedBefore);
        assertThat(count("large-transfer:" + other)).isEqualTo(1);
        assertThat(count("large-transfer:" + first)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aRestartedFollowerResumesFromTheStoredCursor() {
        followers.stop();
        long resumeAt = store.next(CHAIN);
        String whileStopped = send(accounts.get(1), accounts.get(9), ETHER.multiply(BigInteger.valueOf(55)), "0x");
        node.mine();
        long head = node.rpc().blockNumber();
        assertThat(store.next(CHAIN)).isEqualTo(resumeAt);

        followers.start();
        await().atMost(WAIT).until(() -> store.next(CHAIN) == head);
        assertThat(follower().blocksProcessed()).isEqualTo(head - resumeAt);
        assertThat(count("large-transfer:" + whileStopped)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anotherNodeDoesNotFollowAChainWhoseLeaseIsHeld() {
        ChainFollowerProperties.Chain chain = properties.chains().get(0);
        long next = store.next(CHAIN);
        org.web3j.protocol.Web3j web3j = org.web3j.protocol.Web3j.build(
                new org.web3j.protocol.http.HttpService(node.url().toString()));
        try {
            ChainFollower other = new ChainFollower(chain, new ChainReader(web3j, chain), store, ingest,
                    Clock.systemUTC(), "another-node", properties);
            node.mine();
            node.mine();
            assertThat(other.pass()).isFalse();
            assertThat(other.blocksProcessed()).isZero();
            await().atMost(WAIT).until(() -> store.next(CHAIN) > next);
            assertThat(jdbc.queryForObject("SELECT lease_owner FROM chain_follower_cursor WHERE chain = ?",
                    String.class, CHAIN)).isNotEqualTo("another-node");
        } finally {
            web3j.shutdown();
        }
    }

    private ChainFollower follower() {
        return followers.follower(CHAIN).orElseThrow();
    }

    private String deploy(String contract, Type<?>... arguments) throws IOException {
        String bytecode = Files.readString(CONTRACTS.resolve(contract + ".bin"), StandardCharsets.US_ASCII).strip();
        String data = "0x" + bytecode + FunctionEncoder.encodeConstructor(List.of(arguments));
        String hash = send(accounts.get(0), null, BigInteger.ZERO, data);
        return node.rpc().call("eth_getTransactionReceipt", hash).path("contractAddress").asText().toLowerCase();
    }

    private String call(String from, String contract, String method, Type<?>... arguments) {
        String hash = send(from, contract, BigInteger.ZERO,
                FunctionEncoder.encode(new Function(method, List.of(arguments), List.of())));
        assertThat(node.rpc().call("eth_getTransactionReceipt", hash).path("status").asText()).isEqualTo("0x1");
        return hash;
    }

    private static Map<String, Object> transfer(String from, String to, long ether) {
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("from", from);
        transaction.put("to", to);
        transaction.put("value", Numeric.toHexStringWithPrefix(ETHER.multiply(BigInteger.valueOf(ether))));
        transaction.put("gas", "0x5208");
        transaction.put("gasPrice", Numeric.toHexStringWithPrefix(GAS_PRICE));
        return transaction;
    }

    private static String send(String from, String to, BigInteger value, String data) {
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("from", from);
        if (to != null) {
            transaction.put("to", to);
        }
        transaction.put("value", Numeric.toHexStringWithPrefix(value));
        transaction.put("data", data);
        transaction.put("gas", "0x2dc6c0");
        transaction.put("gasPrice", Numeric.toHexStringWithPrefix(GAS_PRICE));
        return node.rpc().call("eth_sendTransaction", transaction).asText().toLowerCase();
    }

    private static long blockOf(String hash) {
        return Numeric.toBigInt(node.rpc().call("eth_getTransactionReceipt", hash).path("blockNumber").asText())
                .longValueExact();
    }

    private static int logIndex(String hash, int log) {
        return Numeric.toBigInt(node.rpc().call("eth_getTransactionReceipt", hash).path("logs").get(log)
                .path("logIndex").asText()).intValueExact();
    }

    /** Every detection attached to any incident, by source alert id; a second one of an id fails the test. */
    @SuppressWarnings("unchecked")
    private Map<String, EventMessage<DetectionAttached>> detections() {
        Map<String, EventMessage<DetectionAttached>> byId = new LinkedHashMap<>();
        events.readEvents(null, false)
                .filter(message -> DetectionAttached.class.equals(message.getPayloadType()))
                .forEach(message -> {
                    EventMessage<DetectionAttached> detection = (EventMessage<DetectionAttached>) message;
                    EventMessage<DetectionAttached> earlier = byId.put(detection.getPayload().detection()
                            .sourceAlertId(), detection);
                    assertThat(earlier).as("counted twice: %s", detection.getPayload().detection().sourceAlertId())
                            .isNull();
                });
        return byId;
    }

    private List<String> alertIds() {
        return List.copyOf(detections().keySet());
    }

    private long count(String sourceAlertId) {
        return events.readEvents(null, false)
                .filter(message -> DetectionAttached.class.equals(message.getPayloadType()))
                .map(message -> ((DetectionAttached) message.getPayload()).detection().sourceAlertId())
                .filter(id -> Objects.equals(id, sourceAlertId))
                .count();
    }
}
