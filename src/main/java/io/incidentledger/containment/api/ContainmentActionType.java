package io.incidentledger.containment.api;

/** Containment actions a responder can take by hand and record on the incident. */
public enum ContainmentActionType {
    REVOKE_KEY, ISOLATE_NODE, PAUSE_CONTRACT, FREEZE_WITHDRAWALS, BLOCK_ADDRESS, ROTATE_CREDENTIALS, DISABLE_ACCOUNT,
    OTHER
}
