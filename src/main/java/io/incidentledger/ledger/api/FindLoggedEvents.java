package io.incidentledger.ledger.api;

/**
 * Asks for the Merkle log's leaves {@code fromLeaf}, {@code fromLeaf + 1}, … in leaf order, at most {@code limit},
 * each with its event exactly as stored; answered with a {@link LoggedEventsView}.
 */
public record FindLoggedEvents(long fromLeaf, int limit) {

    public FindLoggedEvents {
        if (fromLeaf < 0 || limit <= 0) {
            throw new IllegalArgumentException("fromLeaf must not be negative and limit must be positive");
        }
    }
}
