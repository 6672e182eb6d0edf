package io.incidentledger.ledger.anchor;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.ledger.log.LedgerLog;
import org.springframework.stereotype.Component;

/**
 * Chooses the anchors an audit bundle carries (docs/ledger-anchoring.md, "In audit bundles"): the earliest confirmed
 * anchor whose tree holds every exported event (it dates them all: they existed by its block's time), and the
 * newest confirmed anchor no larger than the bundle's tree (the latest point the log's history is pinned at), each
 * with the consistency proof from its tree to the bundle's.
 */
@Component
public class BundleAnchors {

    private static final HexFormat HEX = HexFormat.of();

    private final AnchorStore store;
    private final LedgerLog ledgerLog;

    public BundleAnchors(AnchorStore store, LedgerLog ledgerLog) {
        this.store = store;
        this.ledgerLog = ledgerLog;
    }

    /**
     * The anchors for a bundle of the tree of {@code treeSize} leaves whose events' largest leaf index is
     * {@code lastLeaf}; null when the log has no confirmed anchor that small, so that a bundle of a log that does not
     * anchor looks as before.
     */
    public List<AuditBundle.ChainAnchor> forBundle(long treeSize, long lastLeaf) {
        List<AnchorStore.Anchor> confirmed = store.confirmedUpTo(treeSize);
        if (confirmed.isEmpty()) {
            return null;
        }
        Map<Long, AnchorStore.Anchor> chosen = new LinkedHashMap<>();
        confirmed.stream().filter(anchor -> anchor.treeSize() > lastLeaf).findFirst()
                .ifPresent(anchor -> chosen.put(anchor.id(), anchor));
        AnchorStore.Anchor newest = confirmed.get(confirmed.size() - 1);
        chosen.putIfAbsent(newest.id(), newest);
        List<AuditBundle.ChainAnchor> anchors = new ArrayList<>(chosen.size());
        String toRoot = HEX.formatHex(ledgerLog.root(treeSize));
        for (AnchorStore.Anchor anchor : chosen.values()) {
            List<String> path = ledgerLog.consistencyProof(anchor.treeSize(), treeSize).stream().map(HEX::formatHex)
                    .toList();
            anchors.add(new AuditBundle.ChainAnchor(anchor.treeSize(), HEX.formatHex(anchor.rootHash()),
                    anchor.chainId(), anchor.txHash(), anchor.blockNumber(), anchor.blockHash(),
                    anchor.blockTime().toString(),
                    new AuditBundle.Consistency(anchor.treeSize(), treeSize, HEX.formatHex(anchor.rootHash()), toRoot,
                            path)));
        }
        return anchors;
    }
}
