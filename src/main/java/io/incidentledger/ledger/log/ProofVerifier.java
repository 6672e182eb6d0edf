package io.incidentledger.ledger.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks inclusion and consistency proofs with nothing but the proof, the sizes and the roots, exactly as
 * RFC 9162 sections 2.1.3.2 and 2.1.4.2 describe. A malformed proof (wrong length, a hash that is not 32 bytes,
 * sizes out of range) is simply not valid: these methods answer {@code false} and never throw.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Whether {@code path} proves that {@code leafHash} is leaf {@code leafIndex} of the tree with {@code root}. */
    public static boolean verifyInclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> path,
            byte[] root) {
        if (!MerkleHashes.isHash(leafHash) || !MerkleHashes.isHash(root) || !allHashes(path)) {
            return false;
        }
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if (isOdd(fn) || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                while (!isOdd(fn) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Whether {@code proof} proves that the tree of {@code toSize} leaves with {@code toRoot} extends the tree of
     * {@code fromSize} leaves with {@code fromRoot}. Equal sizes need an empty proof and equal roots. RFC 9162
     * defines no proof from the empty tree, so {@code fromSize} 0 is not valid here.
     */
    public static boolean verifyConsistency(long fromSize, long toSize, byte[] fromRoot, byte[] toRoot,
            List<byte[]> proof) {
        if (!MerkleHashes.isHash(fromRoot) || !MerkleHashes.isHash(toRoot) || !allHashes(proof)) {
            return false;
        }
        if (fromSize <= 0 || fromSize > toSize) {
            return false;
        }
        if (fromSize == toSize) {
            return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = proof;
        // The prover omits the old root when the old tree is a perfect subtree of the new one.
        if (Long.bitCount(fromSize) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(fromRoot);
            path.addAll(proof);
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while (isOdd(fn)) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if (isOdd(fn) || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while (!isOdd(fn) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
    }

    private static boolean allHashes(List<byte[]> hashes) {
        if (hashes == null) {
            return false;
        }
        for (byte[] hash : hashes) {
            if (!MerkleHashes.isHash(hash)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOdd(long value) {
        return (value & 1) == 1;
    }
}
