package io.incidentledger.incident.api;

/** What kind of security incident this is. */
public enum Category {
    KEY_COMPROMISE,
    NODE_COMPROMISE,
    SMART_CONTRACT_EXPLOIT,
    FRAUDULENT_TRANSACTION,
    PHISHING,
    DATA_BREACH,
    SERVICE_DISRUPTION,
    INSIDER_THREAT,
    /** The ledger's own verifier found stored records altered, removed or rewritten. */
    LEDGER_TAMPERING,
    OTHER
}
