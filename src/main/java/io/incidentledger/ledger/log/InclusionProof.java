package io.incidentledger.ledger.log;

import java.util.List;

/**
 * The audit path that proves the leaf at {@code leafIndex} is in the tree of {@code treeSize} leaves (RFC 9162
 * section 2.1.3), ordered from the leaf's sibling up to the child of the root.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    public InclusionProof {
        path = List.copyOf(path);
    }

    /** Whether this path leads from {@code leafHash} to {@code root}; see {@link ProofVerifier#verifyInclusion}. */
    public boolean verify(byte[] leafHash, byte[] root) {
        return ProofVerifier.verifyInclusion(leafHash, leafIndex, treeSize, path, root);
    }
}
