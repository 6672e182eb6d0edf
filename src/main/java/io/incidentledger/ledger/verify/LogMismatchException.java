package io.incidentledger.ledger.verify;

/**
 * The witness file belongs to another log than the one in the database: the service does not start. Carries what is
 * wrong and what the operator can do, for {@link LogMismatchFailureAnalyzer}.
 */
public class LogMismatchException extends RuntimeException {

    private final String description;
    private final String action;

    LogMismatchException(String description, String action) {
        super(description + "\n" + action, null, false, false);
        this.description = description;
        this.action = action;
    }

    public String description() {
        return description;
    }

    public String action() {
        return action;
    }
}
