package io.incidentledger.ledger.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.ledger.offline.OfflineVerifier;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import io.incidentledger.testing.EvmNode;
import io.incidentledger.testing.OfflineRun;
import io.incidentledger.testing.RequiresEvmNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The application anchors its checkpoints on a real local EVM node (ganache): the transaction is on the chain with
 * exactly the checkpoint, a reorged one is sent again, the anchors are served and go into audit bundles, and the
 * offline verifier checks them on the chain and refuses tampered ones.
 */
@RequiresEvmNode
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:anchoring;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/anchor/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/anchor/witness.checkpoint",
        "incident-ledger.ledger.anchor.enabled=true",
        "incident-ledger.ledger.anchor.chain-id=1337",
        "incident-ledger.ledger.anchor.private-key-file=target/test-ledger/anchor/anchor.key",
        "incident-ledger.ledger.anchor.confirmations=2",
        "incident-ledger.ledger.anchor.leaves=1",
        "incident-ledger.ledger.anchor.poll-interval=100ms",
        "incident-ledger.ledger.anchor.max-backoff=1s",
        "incident-ledger.ledger.anchor.resend-after=2s"
})
class AnchoringOnALocalChainTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path OUTPUT = Path.of("target/test-ledger/anchor");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EvmNode node;

    @LocalServerPort
    int port;

    @Autowired
    AnchorStore anchors;

    @Autowired
    LedgerLog ledgerLog;

    @BeforeAll
    static void startTheNodeAndWriteTheAccountKey() throws IOException {
        Files.createDirectories(OUTPUT);
        Files.deleteIfExists(OUTPUT.resolve("witness.checkpoint"));
        Files.writeString(OUTPUT.resolve("anchor.key"), EvmNode.ACCOUNT_0_KEY + "\n");
        node = EvmNode.start();
    }

    @AfterAll
    static void stopTheNode() {
        if (node != null) {
            node.close();
        }
    }

    @DynamicPropertySource
    static void theNode(DynamicPropertyRegistry registry) {
        registry.add("incident-ledger.ledger.anchor.rpc-url", () -> node.url().toString());
    }

    @Test
    void theNewestCheckpointIsPublishedOnTheChainWithExactlyItsOriginSizeAndRoot() throws IOException {
        String id = reportAndWork();
        AnchorStore.Anchor anchor = confirmedCovering(lastLeaf(id) + 1);

        Web3j web3j = Web3j.build(new HttpService(node.url().toString()));
        try {
            Transaction transaction = web3j.ethGetTransactionByHash(anchor.txHash()).send().getTransaction()
                    .orElseThrow();
            TransactionReceipt receipt = web3j.ethGetTransactionReceipt(anchor.txHash()).send()
                    .getTransactionReceipt().orElseThrow();
            Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(
                    ledgerLog.checkpoint(anchor.treeSize()).orElseThrow().note()).text());
            assertThat(Numeric.hexStringToByteArray(transaction.getInput())).asString(StandardCharsets.UTF_8)
                    .isEqualTo("incident-ledger/anchor/v1\n" + checkpoint.toNoteText());
            assertThat(transaction.getFrom()).isEqualToIgnoringCase(EvmNode.ACCOUNT_0);
            assertThat(transaction.getChainId()).isEqualTo(EvmNode.CHAIN_ID);
            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(receipt.getBlockHash()).isEqualTo(anchor.blockHash());
            assertThat(receipt.getBlockNumber().longValueExact()).isEqualTo(anchor.blockNumber());
            assertThat(anchor.rootHash()).isEqualTo(checkpoint.rootHash());
        } finally {
            web3j.shutdown();
        }

        Response listed = get("regulator", "/api/ledger/anchors");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode newest = JSON.readTree(listed.body()).get(0);
        assertThat(newest.path("transactionHash").asString()).isNotBlank();
        assertThat(JSON.readTree(listed.body()).findValuesAsString("transactionHash")).contains(anchor.txHash());
        Response served = get("commander", "/api/ledger/checkpoint/anchor");
        assertThat(served.status()).as(served.body()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).path("consistencyProof").path("toSize").asLong())
                .isEqualTo(ledgerLog.latestCheckpoint().orElseThrow().treeSize());
        assertThat(get("responder", "/api/ledger/anchors").status()).isEqualTo(403);
        assertThat(get(null, "/api/ledger/anchors").status()).isEqualTo(401);
        Response badLimit = get("regulator", "/api/ledger/anchors?limit=0");
        assertThat(badLimit.status()).isEqualTo(422);
        assertThat(badLimit.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anAnchorWhoseBlockIsRevertedIsSentAgainAndConfirmedInItsNewBlock() {
        settle();
        String snapshot = node.snapshot();
        long before = anchors.all(1000).size();
        reportAndWork();
        await().atMost(WAIT).until(() -> anchors.all(1000).size() > before
                && anchors.pending().filter(anchor -> anchor.blockHash() != null).isPresent());
        AnchorStore.Anchor included = anchors.pending().orElseThrow();
        assertThat(node.rpc().call("eth_getTransactionReceipt", included.txHash()).isNull()).isFalse();

        node.revert(snapshot);

        assertThat(node.rpc().call("eth_getTransactionReceipt", included.txHash()).isNull()).isTrue();
        await().atMost(WAIT).until(() -> byHash(included.txHash()).filter(anchor -> anchor.broadcasts() >= 2
                && anchor.blockHash() != null).isPresent());
        assertThat(node.rpc().call("eth_getTransactionReceipt", included.txHash()).isNull()).isFalse();
        node.mine();
        await().atMost(WAIT).until(() -> AnchorStore.CONFIRMED.equals(byHash(included.txHash()).orElseThrow()
                .status()));
        AnchorStore.Anchor confirmed = byHash(included.txHash()).orElseThrow();
        assertThat(confirmed.broadcasts()).isGreaterThanOrEqualTo(2);
        assertThat(node.rpc().call("eth_getTransactionReceipt", included.txHash()).path("blockHash").asText())
                .isEqualTo(confirmed.blockHash());
    }

    @Test
    void aTransactionLeftUnminedIsReplacedWithHigherFeesAndTheSameNonce() {
        settle();
        long before = anchors.all(1000).size();
        node.rpc().call("miner_stop");
        AnchorStore.Anchor replacement;
        try {
            reportAndWork();
            await().atMost(WAIT).until(() -> anchors.all(1000).size() > before && anchors.all(1000).stream()
                    .anyMatch(anchor -> AnchorStore.REPLACED.equals(anchor.status())));
            replacement = anchors.pending().orElseThrow();
        } finally {
            node.rpc().call("miner_start");
        }
        AnchorStore.Anchor first = anchors.replacedOf(replacement.nonce(), replacement.fromAddress()).get(0);
        assertThat(first.txHash()).isNotEqualTo(replacement.txHash());
        assertThat(first.treeSize()).isEqualTo(replacement.treeSize());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            node.mine();
            return AnchorStore.CONFIRMED.equals(byHash(replacement.txHash()).orElseThrow().status());
        });
        assertThat(node.rpc().call("eth_getTransactionReceipt", first.txHash()).isNull()).isTrue();
        Transaction1559 original = (Transaction1559) TransactionDecoder.decode(first.rawTransaction())
                .getTransaction();
        String minedFee = node.rpc().call("eth_getTransactionByHash", replacement.txHash()).path("maxFeePerGas")
                .asText();
        assertThat(Numeric.toBigInt(minedFee)).isGreaterThan(original.getMaxFeePerGas());
        assertThat(byHash(first.txHash()).orElseThrow().status()).isEqualTo(AnchorStore.REPLACED);
    }

    @Test
    void aBundleCarriesTheAnchorAndVerifiesOnTheChainAndATamperedAnchorDoesNot() throws IOException {
        String id = reportAndWork();
        confirmedCovering(lastLeaf(id) + 1);
        String key = get("regulator", "/api/ledger/public-key").body();

        Response exported = get("regulator", "/api/incidents/" + id + "/audit-bundle");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        ObjectNode bundle = (ObjectNode) JSON.readTree(exported.body());
        long lastLeaf = lastLeaf(id);
        AnchorStore.Anchor covering = anchors.confirmedUpTo(bundle.path("checkpoint").path("treeSize").asLong())
                .stream().filter(confirmed -> confirmed.treeSize() > lastLeaf).findFirst().orElseThrow();
        JsonNode anchor = bundle.path("anchors").get(0);
        assertThat(anchor.path("transactionHash").asString()).isEqualTo(covering.txHash());
        Path file = save("bundle-" + id + ".json", exported.body());

        OfflineRun onChain = verify(file.toString(), "--public-key", key, "--chain-rpc", node.url().toString(),
                "--confirmations", "2");
        assertThat(onChain.exit()).as(onChain.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(onChain.out()).contains("anchored on chain 1337 in block " + covering.blockNumber() + " at "
                + covering.blockTime()).contains("every event of the bundle existed by then");

        OfflineRun offline = verify(file.toString(), "--public-key", key);
        assertThat(offline.exit()).as(offline.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(offline.out()).contains("NOT checked on a chain");

        OfflineRun tooFew = verify(file.toString(), "--public-key", key, "--chain-rpc", node.url().toString(),
                "--confirmations", "1000");
        assertThat(tooFew.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(tooFew.err()).contains("anchor 0: block").contains("fewer than the 1000 required");

        ObjectNode wrongRoot = bundle.deepCopy();
        ObjectNode tampered = (ObjectNode) wrongRoot.path("anchors").get(0);
        String root = tampered.path("rootHash").asString();
        tampered.put("rootHash", (root.charAt(0) == '0' ? "1" : "0") + root.substring(1));
        OfflineRun badRoot = verify(save("wrong-root-" + id + ".json", JSON.writeValueAsString(wrongRoot)).toString(),
                "--public-key", key, "--chain-rpc", node.url().toString());
        assertThat(badRoot.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(badRoot.err()).startsWith("INVALID: anchor 0");

        Decoy other = decoyTransaction();
        ObjectNode wrongTransaction = bundle.deepCopy();
        ((ObjectNode) wrongTransaction.path("anchors").get(0)).put("transactionHash", other.txHash())
                .put("blockNumber", other.blockNumber()).put("blockHash", other.blockHash())
                .put("blockTime", other.blockTime());
        OfflineRun badTransaction = verify(save("wrong-tx-" + id + ".json",
                JSON.writeValueAsString(wrongTransaction)).toString(), "--public-key", key, "--chain-rpc",
                node.url().toString());
        assertThat(badTransaction.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(badTransaction.err()).contains("anchor 0: transaction " + other.txHash()
                + " does not carry the checkpoint");

        ObjectNode movedBlock = bundle.deepCopy();
        ((ObjectNode) movedBlock.path("anchors").get(0)).put("blockNumber", covering.blockNumber() + 1);
        OfflineRun badBlock = verify(save("moved-block-" + id + ".json", JSON.writeValueAsString(movedBlock))
                .toString(), "--public-key", key, "--chain-rpc", node.url().toString());
        assertThat(badBlock.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(badBlock.err()).contains("is not in block " + (covering.blockNumber() + 1));
    }

    // ----- helpers ----------------------------------------------------------------------------------------------

    /** Mines blocks until no anchor waits for confirmations. */
    private void settle() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (anchors.pending().isEmpty()) {
                return true;
            }
            node.mine();
            return false;
        });
    }

    /** Mines blocks until a confirmed anchor holds the first {@code treeSize} leaves. */
    private AnchorStore.Anchor confirmedCovering(long treeSize) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            Optional<AnchorStore.Anchor> covering = anchors.all(1000).stream()
                    .filter(anchor -> AnchorStore.CONFIRMED.equals(anchor.status()) && anchor.treeSize() >= treeSize)
                    .findFirst();
            if (covering.isEmpty()) {
                node.mine();
            }
            return covering;
        }, Optional::isPresent).orElseThrow();
    }

    /** A real transaction of another account on the same chain, whose data is not an anchor. */
    private record Decoy(String txHash, long blockNumber, String blockHash, String blockTime) {
    }

    private Decoy decoyTransaction() {
        String account1 = "0xffcf8fdee72ac11b5c542428b35eef5769c409f0";
        String txHash = node.rpc().call("eth_sendTransaction", Map.of("from", account1, "to", account1, "data",
                Numeric.toHexString("not an anchor\n".getBytes(StandardCharsets.UTF_8)))).asText();
        String blockNumber = node.rpc().call("eth_getTransactionReceipt", txHash).path("blockNumber").asText();
        var block = node.rpc().call("eth_getBlockByNumber", blockNumber, false);
        return new Decoy(txHash, Numeric.toBigInt(blockNumber).longValueExact(), block.path("hash").asText(),
                Instant.ofEpochSecond(Numeric.toBigInt(block.path("timestamp").asText()).longValueExact()).toString());
    }

    private Optional<AnchorStore.Anchor> byHash(String txHash) {
        return anchors.all(1000).stream().filter(anchor -> anchor.txHash().equals(txHash)).findFirst();
    }

    private String reportAndWork() {
        Response reported = post("responder", "/api/incidents", """
                {"title":"Suspicious withdrawal","description":"large outflow","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = JSON.readTree(reported.body()).path("incidentId").asString();
        String path = "/api/incidents/" + id;
        expectNoContent(post("responder", path + "/acknowledgement", null));
        expectNoContent(post("responder", path + "/notes", "{\"text\":\"paged the custody team\"}"));
        expectNoContent(post("responder", path + "/escalation",
                "{\"severity\":\"CRITICAL\",\"reason\":\"funds moving\"}"));
        await().atMost(WAIT).until(() -> ledgerLog.leavesOfAggregate(id).size() == 4
                && ledgerLog.latestCheckpoint().orElseThrow().treeSize() > lastLeaf(id));
        return id;
    }

    private long lastLeaf(String incidentId) {
        return ledgerLog.leavesOfAggregate(incidentId).stream().mapToLong(LedgerLog.Leaf::leafIndex).max()
                .orElseThrow();
    }

    private static void expectNoContent(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private Response get(String user, String path) {
        return new ApiClient(port).get(user, path);
    }

    private Response post(String user, String path, String json) {
        return new ApiClient(port).post(user, path, json);
    }

    private static OfflineRun verify(String... args) {
        return OfflineRun.of(args);
    }

    private static Path save(String name, String content) throws IOException {
        return OfflineRun.save(OUTPUT, name, content);
    }
}
