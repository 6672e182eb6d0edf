package io.incidentledger.ledger.api;

/**
 * The identity of the log's signing key as an aggregate: there is one per ledger, so one value. Its
 * {@code toString()} is the aggregate identifier in the event store.
 */
public record LedgerSigningKeyId(String value) {

    /** The aggregate identifier of the log's signing key. */
    public static final String VALUE = "ledger-signing-key";
    public static final LedgerSigningKeyId LEDGER = new LedgerSigningKeyId(VALUE);

    public LedgerSigningKeyId {
        if (!VALUE.equals(value)) {
            throw new IllegalArgumentException("the ledger has one signing key aggregate, " + VALUE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
