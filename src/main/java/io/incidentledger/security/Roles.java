package io.incidentledger.security;

/** The roles of the product. REGULATOR only reads. */
public final class Roles {

    public static final String RESPONDER = "RESPONDER";
    public static final String COMMANDER = "COMMANDER";
    public static final String DETECTOR = "DETECTOR";
    public static final String REGULATOR = "REGULATOR";
    public static final String ADMIN = "ADMIN";
    /** The product acting on its own (playbooks, escalations, notifications); never granted to a login. */
    public static final String SYSTEM = "SYSTEM";

    private Roles() {
    }
}
