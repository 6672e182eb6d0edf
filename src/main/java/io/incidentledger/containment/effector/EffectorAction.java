package io.incidentledger.containment.effector;

import java.util.Optional;

/** What a containment step asks the outside world to do, and the port that does it. */
public enum EffectorAction {
    REVOKE_KEY(Port.KEY_MANAGEMENT),
    ISOLATE_NODE(Port.NETWORK_ISOLATION),
    RESTORE_NODE(Port.NETWORK_ISOLATION),
    PAUSE_CONTRACT(Port.CONTRACT_PAUSING),
    UNPAUSE_CONTRACT(Port.CONTRACT_PAUSING),
    FREEZE_WITHDRAWALS(Port.WITHDRAWAL_CONTROL),
    REOPEN_WITHDRAWALS(Port.WITHDRAWAL_CONTROL);

    private final Port port;

    EffectorAction(Port port) {
        this.port = port;
    }

    public Port port() {
        return port;
    }

    /**
     * The action that undoes this one, for compensation; empty for a revoked key, which cannot be taken back (a new
     * key is issued instead), and for the undo actions themselves.
     */
    public Optional<EffectorAction> undo() {
        return switch (this) {
            case ISOLATE_NODE -> Optional.of(RESTORE_NODE);
            case PAUSE_CONTRACT -> Optional.of(UNPAUSE_CONTRACT);
            case FREEZE_WITHDRAWALS -> Optional.of(REOPEN_WITHDRAWALS);
            case REVOKE_KEY, RESTORE_NODE, UNPAUSE_CONTRACT, REOPEN_WITHDRAWALS -> Optional.empty();
        };
    }
}
