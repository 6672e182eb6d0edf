package io.incidentledger.ledger.api;

/**
 * A signed checkpoint of the Merkle log.
 *
 * @param note        the signed note exactly as {@code GET /api/ledger/checkpoint} serves it
 * @param rootHash    the root hash in base64, as on the note's third line
 * @param rootHashHex the same root hash in lower-case hex, as the ledger's proof API writes hashes
 */
public record CheckpointView(String note, String origin, long treeSize, String rootHash, String rootHashHex) {
}
