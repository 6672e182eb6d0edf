package io.incidentledger.ledger.offline;

/**
 * The verifier cannot run: bad arguments, unreadable input, or not a bundle. It exits with
 * {@link OfflineVerifier#UNUSABLE}.
 */
final class UnusableInput extends RuntimeException {

    private final boolean showUsage;

    UnusableInput(String message) {
        this(message, false);
    }

    UnusableInput(String message, boolean showUsage) {
        super(message, null, false, false);
        this.showUsage = showUsage;
    }

    boolean showUsage() {
        return showUsage;
    }
}
