package io.incidentledger.ledger.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.testing.OfflineRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline part of the anchor checks (docs/ledger-anchoring.md, "Verifying"): what a bundle's anchors must say
 * without a chain node, and how the verifier reports them. The checks on a chain run against a real node in
 * {@code AnchoringOnALocalChainTest}.
 */
class OfflineVerifierAnchorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String TX = "0x" + "ab".repeat(32);
    private static final String BLOCK = "0x" + "cd".repeat(32);

    @TempDir
    Path dir;

    private SyntheticLedger ledger;
    private String trusted;

    @BeforeEach
    void buildLedger() {
        ledger = SyntheticLedger.withIncident(SyntheticLedger.newKey(), 3, 2);
        trusted = ledger.signer.verifierKey();
    }

    @Test
    void aBundleWithoutAnchorsOrWithNullAnchorsVerifiesAsBefore() throws IOException {
        ObjectNode bundle = ledger.bundle();
        bundle.remove("anchors");
        assertThat(run(bundle).exit()).isEqualTo(OfflineVerifier.VALID);

        bundle.putNull("anchors");
        OfflineRun result = run(bundle);
        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(result.out()).doesNotContain("anchor");
    }

    @Test
    void anAnchorThatTheCheckpointExtendsIsValidButReportedAsNotCheckedWithoutAChainNode() throws IOException {
        OfflineRun result = run(withAnchor(anchor(ledger.size() - 1)));

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(result.out()).contains("; anchor of tree size " + (ledger.size() - 1) + " (block 7 of chain 1337, "
                + "transaction " + TX + ") NOT checked on a chain: give --chain-rpc");
    }

    @Test
    void anAnchoredRootTheCheckpointDoesNotExtendIsInvalid() throws IOException {
        ObjectNode anchor = anchor(4);
        String root = anchor.path("rootHash").asText();
        anchor.put("rootHash", (root.charAt(0) == '0' ? "1" : "0") + root.substring(1));

        OfflineRun result = run(withAnchor(anchor));

        assertThat(result.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(result.err()).startsWith("INVALID: anchor 0, consistencyProof: its fromRoot is not the anchored "
                + "root");
    }

    @Test
    void aProofThatDoesNotLeadFromTheAnchoredTreeIsInvalid() throws IOException {
        ObjectNode anchor = anchor(4);
        ((ObjectNode) anchor.path("consistencyProof")).remove("fromRoot");
        ((ArrayNode) anchor.path("consistencyProof").path("path")).set(0, HEX.formatHex(new byte[32]));

        OfflineRun result = run(withAnchor(anchor));

        assertThat(result.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(result.err()).contains("INVALID: anchor 0, consistencyProof: it does not show that the checkpoint");
    }

    @Test
    void anAnchorOfALargerTreeThanTheCheckpointOrWithAMissingFieldIsInvalid() throws IOException {
        ObjectNode larger = anchor(4).put("treeSize", ledger.size() + 1);
        assertThat(run(withAnchor(larger)).err()).contains("INVALID: anchor 0: tree size " + (ledger.size() + 1)
                + " is not between 1 and the checkpoint's " + ledger.size());

        ObjectNode missing = anchor(4);
        missing.remove("blockHash");
        OfflineRun result = run(withAnchor(missing));
        assertThat(result.exit()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(result.err()).contains("INVALID: anchor 0: field 'blockHash' is missing");
    }

    @Test
    void anUnreachableChainNodeOrBadChainOptionsCannotVerify() throws IOException {
        ObjectNode bundle = withAnchor(anchor(4));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        OfflineRun unreachable = run(bundle, "--chain-rpc", "http://127.0.0.1:" + closedPort);
        assertThat(unreachable.exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(unreachable.err())
                .contains("ERROR: cannot check anchor 0 on the chain: cannot reach the chain node");

        assertThat(run(bundle, "--chain-rpc", "ftp://example.org").err())
                .contains("--chain-rpc must be an http(s) URL");
        assertThat(run(bundle, "--chain-rpc", "http://127.0.0.1:1", "--confirmations", "0").err())
                .contains("--confirmations must be a whole number from 1");
    }

    /** An anchor of the tree of {@code treeSize} leaves as the exporter writes it, with the proof to the bundle's. */
    private ObjectNode anchor(long treeSize) {
        long size = ledger.size();
        AuditBundle.ChainAnchor anchor = new AuditBundle.ChainAnchor(treeSize,
                HEX.formatHex(ledger.tree.root(treeSize)), 1337,
                TX, 7, BLOCK, "2026-12-07T05:35:07Z", new AuditBundle.Consistency(treeSize, size,
                HEX.formatHex(ledger.tree.root(treeSize)), HEX.formatHex(ledger.tree.root(size)),
                SyntheticLedger.hex(ledger.tree.consistencyProof(treeSize, size))));
        return SyntheticLedger.JSON.valueToTree(anchor);
    }

    private ObjectNode withAnchor(ObjectNode anchor) {
        ObjectNode bundle = ledger.bundle();
        bundle.putArray("anchors").add(anchor);
        return bundle;
    }


    private OfflineRun run(ObjectNode bundle, String... options) throws IOException {
        Path file = Files.writeString(dir.resolve("bundle.json"), bundle.toString(), StandardCharsets.UTF_8);
        String[] args = new String[options.length + 3];
        args[0] = file.toString();
        args[1] = "--public-key";
        args[2] = trusted;
        System.arraycopy(options, 0, args, 3, options.length);
        return OfflineRun.of(args);
    }
}
