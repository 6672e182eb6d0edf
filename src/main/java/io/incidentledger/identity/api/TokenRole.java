package io.incidentledger.identity.api;

/** The one role an API token grants: any role of a login, never the product's own SYSTEM role. */
public enum TokenRole {
    RESPONDER, COMMANDER, DETECTOR, REGULATOR, ADMIN
}
