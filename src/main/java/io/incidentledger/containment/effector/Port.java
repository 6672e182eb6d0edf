package io.incidentledger.containment.effector;

/**
 * A door to the outside world that containment goes through; each is configured on its own (mode, receiver, secret,
 * retries) under {@code incident-ledger.containment.effectors.<key>}.
 */
public enum Port {
    /** The key management system or signer that can revoke a signing key. */
    KEY_MANAGEMENT("key-management"),
    /** Whatever can cut a node off the network and let it back on (firewall, orchestrator, cloud API). */
    NETWORK_ISOLATION("network-isolation"),
    /** The guardian or multisig tooling that can pause and unpause a contract. */
    CONTRACT_PAUSING("contract-pausing"),
    /** The custody or exchange back office that can stop and reopen withdrawals. */
    WITHDRAWAL_CONTROL("withdrawal-control");

    private final String key;

    Port(String key) {
        this.key = key;
    }

    /** The port's key in the configuration, e.g. {@code key-management}. */
    public String key() {
        return key;
    }
}
