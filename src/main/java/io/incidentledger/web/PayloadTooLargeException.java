package io.incidentledger.web;

import java.io.IOException;

/** A request body exceeded the configured limit while it was being read; answered with 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
