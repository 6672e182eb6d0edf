package io.incidentledger.alerting;

/**
 * A notification did not reach its recipient. The message is safe to store and show on the incident: it names no
 * address, secret or URL path, and quotes nothing the receiver sent.
 */
public class DeliveryException extends Exception {

    public DeliveryException(String safeMessage) {
        super(safeMessage, null, false, false);
    }
}
