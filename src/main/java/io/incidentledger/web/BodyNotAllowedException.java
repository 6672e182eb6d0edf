package io.incidentledger.web;

/** A request carried a body to an endpoint that takes none; answered with 415 before the handler runs. */
public class BodyNotAllowedException extends RuntimeException {

    public BodyNotAllowedException() {
        super("this endpoint takes no request body", null, false, false);
    }
}
