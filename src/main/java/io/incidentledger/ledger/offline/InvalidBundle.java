package io.incidentledger.ledger.offline;

/** The bundle does not verify: the offline verifier exits with {@link OfflineVerifier#INVALID}. */
final class InvalidBundle extends RuntimeException {

    InvalidBundle(String message) {
        super(message, null, false, false);
    }
}
