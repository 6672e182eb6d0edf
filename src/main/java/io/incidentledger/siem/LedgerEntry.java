package io.incidentledger.siem;

import io.incidentledger.incident.api.Severity;

/**
 * One leaf of the Merkle log with its event exactly as stored: every column the entry hash covers (the timestamp as
 * its stored text, payload and metadata as their stored bytes), the chain hashes, and what a SIEM reads at a glance.
 *
 * @param aggregateType the stored aggregate type ({@code Incident} for incident events), or null
 * @param severity      the incident's severity as of this event, or null for an event of no incident
 * @param actor         who caused the event, from its metadata; null when it names nobody
 * @param actorType     {@code USER} or {@code SERVICE}, from its metadata; null when absent
 */
record LedgerEntry(long leafIndex, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                   String aggregateType, long sequenceNumber, String timeStamp, String payloadType,
                   String payloadRevision, byte[] payload, byte[] metaData, byte[] previousHash, byte[] entryHash,
                   Severity severity, String actor, String actorType) {

    /** The aggregate type of the Incident aggregate as the store keeps it. */
    static final String INCIDENT = "Incident";

    boolean isIncidentEvent() {
        return INCIDENT.equals(aggregateType);
    }

    /** The payload type's simple name: {@code IncidentReported} for {@code io.incidentledger.incident.api.IncidentReported}. */
    String eventName() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return "LedgerEntry[leaf " + leafIndex + ", " + aggregateIdentifier + "#" + sequenceNumber + "]";
    }
}
