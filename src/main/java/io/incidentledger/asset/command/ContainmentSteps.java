package io.incidentledger.asset.command;

import java.util.HashSet;
import java.util.Set;

import io.incidentledger.incident.api.IncidentId;

/**
 * The containment steps an asset has already carried out, so that a retried step (the same action, incident and
 * step) is recognised and changes nothing. Step ids are only unique within their incident, hence the incident in the
 * key; the action is in it too, so a step and its undo may share a step id.
 */
final class ContainmentSteps {

    private final Set<String> done = new HashSet<>();

    boolean contains(String action, IncidentId incidentId, String stepId) {
        return done.contains(key(action, incidentId, stepId));
    }

    /** Called from event-sourcing handlers only. */
    void add(String action, IncidentId incidentId, String stepId) {
        done.add(key(action, incidentId, stepId));
    }

    private static String key(String action, IncidentId incidentId, String stepId) {
        return action + '\u0000' + incidentId + '\u0000' + stepId.strip();
    }
}
