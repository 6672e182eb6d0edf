package io.incidentledger.alerting;

/** How a notification travels to its recipient. */
public enum Channel {
    MAIL, WEBHOOK
}
