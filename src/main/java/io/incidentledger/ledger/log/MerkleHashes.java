package io.incidentledger.ledger.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash function of the log's Merkle tree, as RFC 9162 section 2.1.1 defines it: SHA-256, with a leaf prefixed
 * by the byte {@code 0x00} and an interior node by {@code 0x01}, so that no leaf can be passed off as a node.
 */
public final class MerkleHashes {

    /** The length in bytes of every hash in the tree. */
    public static final int HASH_LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleHashes() {
    }

    /** The root of the tree with no leaves: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** The hash of one leaf: SHA-256(0x00 || leafData). */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(leafData);
        return digest.digest();
    }

    /** The hash of an interior node: SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** Whether {@code hash} has the shape of a tree hash (non-null, {@value #HASH_LENGTH} bytes). */
    static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_LENGTH;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
