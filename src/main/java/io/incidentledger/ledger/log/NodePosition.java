package io.incidentledger.ledger.log;

/**
 * Where a stored node is: the perfect subtree at {@code level} and {@code index}, over the leaves
 * {@code [index * 2^level, (index + 1) * 2^level)} (see {@link NodeSource}).
 */
public record NodePosition(int level, long index) {

    /** The first leaf this node covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** The number of leaves up to and including the last one this node covers. */
    public long coveredSize() {
        return (index + 1) << level;
    }
}
