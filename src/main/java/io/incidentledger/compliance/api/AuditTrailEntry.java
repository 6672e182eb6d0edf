package io.incidentledger.compliance.api;

/**
 * One event of the trail.
 *
 * @param type           the payload type's simple name, e.g. {@code IncidentReported}
 * @param recordedAt     the stored {@code time_stamp} text, which the entry hash covers
 * @param summary        one readable line, or null for an event the timeline does not describe
 * @param entryHash      the event's hash in the incident's chain, lower-case hex
 * @param previousHash   the predecessor's entry hash (the genesis value for the first event)
 * @param leafIndex      the event's leaf in the Merkle log, or null until the log has admitted it
 * @param inclusionProof the ledger API address of the event's inclusion proof; it answers 404 until a signed
 *                       checkpoint covers the leaf
 */
public record AuditTrailEntry(long sequence, String eventId, String type, String recordedAt, String actor,
                              String actorType, String actorRoles, String summary, String entryHash,
                              String previousHash, Long leafIndex, String inclusionProof) {
}
