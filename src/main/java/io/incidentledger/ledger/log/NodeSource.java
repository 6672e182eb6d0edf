package io.incidentledger.ledger.log;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@link MerkleTree} reads the stored hashes of the log's perfect subtrees.
 *
 * <p>The log stores the hash of every perfect subtree once all of its leaves exist: the node at {@code level} and
 * {@code index} is the root of the complete subtree over the leaves {@code [index * 2^level, (index + 1) * 2^level)},
 * and level 0 holds the leaf hashes. Such a node never changes once the log has grown past it, so it serves every
 * later tree size.
 */
public interface NodeSource {

    /**
     * The hash of the perfect subtree at {@code level} and {@code index}.
     *
     * <p>Callers only ask for nodes whose leaves all exist. An implementation that does not hold the node throws an
     * unchecked exception; it never returns {@code null}.
     */
    byte[] node(int level, long index);

    /**
     * The hashes of several nodes at once, by position. A proof or a root needs O(log n) nodes, known before any is
     * read; a store answers them all with one read (one query) rather than one read each. The default asks
     * {@link #node} for each.
     */
    default Map<NodePosition, byte[]> nodes(Collection<NodePosition> positions) {
        Map<NodePosition, byte[]> found = new LinkedHashMap<>();
        for (NodePosition position : positions) {
            found.put(position, node(position.level(), position.index()));
        }
        return found;
    }
}
