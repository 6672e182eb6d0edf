package io.incidentledger.ledger.log;

import java.util.List;

/**
 * The nodes that prove the tree of {@code toSize} leaves extends the tree of {@code fromSize} leaves without changing
 * any of them (RFC 9162 section 2.1.4).
 */
public record ConsistencyProof(long fromSize, long toSize, List<byte[]> path) {

    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /** Whether this proof links {@code fromRoot} to {@code toRoot}; see {@link ProofVerifier#verifyConsistency}. */
    public boolean verify(byte[] fromRoot, byte[] toRoot) {
        return ProofVerifier.verifyConsistency(fromSize, toSize, fromRoot, toRoot, path);
    }
}
