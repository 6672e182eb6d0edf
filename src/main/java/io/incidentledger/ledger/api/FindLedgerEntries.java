package io.incidentledger.ledger.api;

/**
 * Ask what the ledger holds for one aggregate (an incident's id, for instance): its stored events with their chain
 * hashes, their leaves in the Merkle log, and the log's newest signed checkpoint. Answered with a
 * {@link LedgerEntriesView}, whose lists are empty for an aggregate the store does not know.
 */
public record FindLedgerEntries(String aggregateIdentifier) {
}
