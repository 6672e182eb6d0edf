package io.incidentledger.siem;

/** A batch of events that a SIEM receiver may not have taken; the export sends it again after its backoff. */
class SiemDeliveryException extends RuntimeException {

    SiemDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
