package io.incidentledger.console.workspace;

import io.incidentledger.incident.api.TimelineEntryView;

/**
 * One event of the incident's timeline as the workspace shows it: what happened, who did it and when, with the
 * event's entry hash and leaf index in the Merkle log when the reader may see the ledger.
 *
 * @param entryHash the event's entry hash in hex; {@code null} when not shown or not (yet) known
 * @param leafIndex the event's leaf in the Merkle log; {@code null} while the log has not admitted it
 * @param covered   whether the newest signed checkpoint covers the leaf ({@code leafIndex < treeSize})
 */
record TimelineRow(TimelineEntryView entry, String entryHash, Long leafIndex, boolean covered) {
}
