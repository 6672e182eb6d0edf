package io.incidentledger.containment.saga;

/** Steps a commander asks for by hand carry this in place of a playbook's name. */
public final class ManualSteps {

    public static final String PLAYBOOK = "manual";

    private ManualSteps() {
    }
}
