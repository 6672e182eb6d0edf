package io.incidentledger.containment.api;

import io.incidentledger.incident.api.AssetType;

/**
 * What a containment step does to the outside world, and which kind of asset it acts on. {@code NOTIFY} acts on no
 * asset: it alerts the people the configuration names.
 */
public enum ContainmentStepAction {
    REVOKE_KEY(AssetType.SIGNING_KEY, false),
    ISOLATE_NODE(AssetType.NODE, false),
    RESTORE_NODE(AssetType.NODE, true),
    PAUSE_CONTRACT(AssetType.CONTRACT, false),
    UNPAUSE_CONTRACT(AssetType.CONTRACT, true),
    FREEZE_WITHDRAWALS(AssetType.WITHDRAWAL_CHANNEL, false),
    REOPEN_WITHDRAWALS(AssetType.WITHDRAWAL_CHANNEL, true),
    NOTIFY(null, false);

    private final AssetType targetType;
    private final boolean undo;

    ContainmentStepAction(AssetType targetType, boolean undo) {
        this.targetType = targetType;
        this.undo = undo;
    }

    /** The kind of asset the step acts on; {@code null} for {@link #NOTIFY}. */
    public AssetType targetType() {
        return targetType;
    }

    /** Whether the step undoes a containment (restore, unpause, reopen) rather than contains. */
    public boolean isUndo() {
        return undo;
    }
}
