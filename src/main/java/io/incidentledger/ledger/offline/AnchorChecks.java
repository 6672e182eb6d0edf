package io.incidentledger.ledger.offline;

import java.math.BigInteger;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentledger.ledger.anchor.AnchorCalldata;
import io.incidentledger.ledger.anchor.ChainRpc;
import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.ProofVerifier;

/**
 * Checks a bundle's anchors (docs/ledger-anchoring.md, "Verifying"): offline, that the bundle's checkpoint extends
 * each anchored tree (consistency proof); with a chain node ({@code --chain-rpc}), that the transaction exists in the
 * stated block of the stated chain, succeeded, carries exactly the anchored checkpoint and has enough confirmations.
 * The node is asked through {@link ChainRpc}; nothing here opens a connection itself.
 */
final class AnchorChecks {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HASH_0X = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern DATA_0X = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private AnchorChecks() {
    }

    /**
     * Checks every anchor and says what they prove, as the tail of the VALID line.
     *
     * @param chainRpc      the node to check the anchors on; null: only the offline part, and the anchors are
     *                      reported as not checked
     * @param confirmations how many confirmations each anchor's block must have
     * @param lastLeaf      the largest leaf index of the bundle's events
     */
    static String check(AuditBundle bundle, Checkpoint checkpoint, long lastLeaf, URI chainRpc, int confirmations) {
        List<AuditBundle.ChainAnchor> anchors = bundle.anchors();
        if (anchors == null || anchors.isEmpty()) {
            return chainRpc == null ? "" : "; the bundle carries no anchors to check on the chain";
        }
        ChainRpc rpc = chainRpc == null ? null : new ChainRpc(chainRpc);
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < anchors.size(); i++) {
            AuditBundle.ChainAnchor anchor = anchors.get(i);
            String where = "anchor " + i;
            byte[] root = BundleReader.hash(anchor.rootHash(), "rootHash", where);
            checkConsistency(anchor, root, checkpoint, where);
            String dates = anchor.treeSize() > lastLeaf ? "every event of the bundle"
                    : "the log's first " + anchor.treeSize() + " leaves";
            if (rpc == null) {
                summary.append("; anchor of tree size ").append(anchor.treeSize()).append(" (block ")
                        .append(anchor.blockNumber()).append(" of chain ").append(anchor.chainId())
                        .append(", transaction ").append(anchor.transactionHash())
                        .append(") NOT checked on a chain: give --chain-rpc");
                continue;
            }
            try {
                long held = onChain(rpc, anchor, bundle.origin(), root, confirmations, where);
                summary.append("; anchored on chain ").append(anchor.chainId()).append(" in block ")
                        .append(anchor.blockNumber()).append(" at ").append(anchor.blockTime())
                        .append(" (tree size ").append(anchor.treeSize()).append(", ").append(held)
                        .append(" confirmations, transaction ").append(anchor.transactionHash())
                        .append("): ").append(dates).append(" existed by then");
            } catch (ChainRpc.ChainRpcException unreachable) {
                throw new UnusableInput("cannot check " + where + " on the chain: " + unreachable.getMessage());
            }
        }
        return summary.toString();
    }

    /** The bundle's checkpoint extends the anchored tree. */
    private static void checkConsistency(AuditBundle.ChainAnchor anchor, byte[] root, Checkpoint checkpoint,
                                         String where) {
        if (anchor.treeSize() < 1 || anchor.treeSize() > checkpoint.treeSize()) {
            throw new InvalidBundle(where + ": tree size " + anchor.treeSize() + " is not between 1 and the "
                    + "checkpoint's " + checkpoint.treeSize());
        }
        AuditBundle.Consistency proof = anchor.consistencyProof();
        String place = where + ", consistencyProof";
        if (proof.fromSize() != anchor.treeSize() || proof.toSize() != checkpoint.treeSize()) {
            throw new InvalidBundle(place + ": it is from tree size " + proof.fromSize() + " to " + proof.toSize()
                    + ", not from " + anchor.treeSize() + " to the checkpoint's " + checkpoint.treeSize());
        }
        if (proof.fromRoot() != null && !MessageDigest.isEqual(BundleReader.hash(proof.fromRoot(), "fromRoot", place),
                root)) {
            throw new InvalidBundle(place + ": its fromRoot is not the anchored root");
        }
        if (proof.toRoot() != null && !MessageDigest.isEqual(BundleReader.hash(proof.toRoot(), "toRoot", place),
                checkpoint.rootHash())) {
            throw new InvalidBundle(place + ": its toRoot is not the checkpoint's root");
        }
        List<byte[]> path = BundleReader.hashes(proof.path(), "path", place);
        if (!ProofVerifier.verifyConsistency(anchor.treeSize(), checkpoint.treeSize(), root, checkpoint.rootHash(),
                path)) {
            throw new InvalidBundle(place + ": it does not show that the checkpoint of tree size "
                    + checkpoint.treeSize() + " extends the anchored tree of size " + anchor.treeSize()
                    + " with root " + HEX.formatHex(root));
        }
    }

    /** What the chain says about the anchor; returns its confirmations. */
    private static long onChain(ChainRpc rpc, AuditBundle.ChainAnchor anchor, String origin, byte[] root,
                                int confirmations, String where) {
        if (!HASH_0X.matcher(anchor.transactionHash()).matches()) {
            throw new InvalidBundle(where + ": field 'transactionHash' is not a 0x-prefixed 32-byte hash");
        }
        if (!HASH_0X.matcher(anchor.blockHash()).matches()) {
            throw new InvalidBundle(where + ": field 'blockHash' is not a 0x-prefixed 32-byte hash");
        }
        Instant stated;
        try {
            stated = Instant.parse(anchor.blockTime());
        } catch (DateTimeParseException e) {
            throw new InvalidBundle(where + ": field 'blockTime' is not an ISO-8601 instant");
        }
        long chainId = rpc.chainId();
        if (chainId != anchor.chainId()) {
            throw new UnusableInput("--chain-rpc serves chain " + chainId + ", but " + where + " is on chain "
                    + anchor.chainId() + ": give a node of that chain");
        }
        JsonNode tx = rpc.call("eth_getTransactionByHash", anchor.transactionHash());
        if (tx == null || tx.isNull()) {
            throw new InvalidBundle(where + ": the chain has no transaction " + anchor.transactionHash());
        }
        if (!anchor.blockHash().equalsIgnoreCase(tx.path("blockHash").asText())
                || !BigInteger.valueOf(anchor.blockNumber()).equals(quantity(tx.get("blockNumber")))) {
            throw new InvalidBundle(where + ": transaction " + anchor.transactionHash() + " is not in block "
                    + anchor.blockNumber() + " " + anchor.blockHash() + " but in "
                    + (tx.path("blockHash").isTextual() ? "block " + tx.path("blockHash").asText() : "no block yet"));
        }
        String input = tx.path("input").asText(tx.path("data").asText(""));
        if (!DATA_0X.matcher(input).matches() || !AnchorCalldata.carries(HEX.parseHex(input.substring(2)), origin,
                anchor.treeSize(), root)) {
            throw new InvalidBundle(where + ": transaction " + anchor.transactionHash() + " does not carry the "
                    + "checkpoint " + origin + " tree size " + anchor.treeSize() + " root " + HEX.formatHex(root));
        }
        JsonNode receipt = rpc.call("eth_getTransactionReceipt", anchor.transactionHash());
        if (receipt == null || receipt.isNull()) {
            throw new InvalidBundle(where + ": the chain has no receipt of transaction " + anchor.transactionHash());
        }
        if (!BigInteger.ONE.equals(quantity(receipt.get("status")))) {
            throw new InvalidBundle(where + ": transaction " + anchor.transactionHash() + " failed");
        }
        if (!anchor.blockHash().equalsIgnoreCase(receipt.path("blockHash").asText())) {
            throw new InvalidBundle(where + ": the receipt of " + anchor.transactionHash() + " is of another block");
        }
        JsonNode block = rpc.call("eth_getBlockByNumber", ChainRpc.hex(anchor.blockNumber()), false);
        if (block == null || block.isNull() || !anchor.blockHash().equalsIgnoreCase(block.path("hash").asText())) {
            throw new InvalidBundle(where + ": block " + anchor.blockNumber() + " of the chain is not "
                    + anchor.blockHash());
        }
        Instant time = Instant.ofEpochSecond(quantity(block.get("timestamp")).longValueExact());
        if (!time.equals(stated)) {
            throw new InvalidBundle(where + ": block " + anchor.blockNumber() + " has time " + time + ", not "
                    + anchor.blockTime());
        }
        long held = rpc.blockNumber() - anchor.blockNumber() + 1;
        if (held < confirmations) {
            throw new InvalidBundle(where + ": block " + anchor.blockNumber() + " has " + held
                    + " confirmations, fewer than the " + confirmations + " required");
        }
        return held;
    }

    private static BigInteger quantity(JsonNode value) {
        return value == null || value.isNull() ? null : ChainRpc.quantity(value, "a quantity");
    }
}
