package io.incidentledger.containment.effector;

import java.util.Objects;
import java.util.regex.Pattern;

import io.incidentledger.incident.api.AffectedAsset;

/**
 * One attempt at one containment step.
 *
 * @param incidentId  the incident the step contains
 * @param stepId      the step's id, the same on every attempt: it is the idempotency key, so a receiver that already
 *                    acted on it answers again without acting twice. Visible ASCII (it travels in a header), at most
 *                    200 characters
 * @param action      what to do; its port says which adapter does it
 * @param target      the asset to act on
 * @param reason      why, for the receiver's records (may be empty)
 * @param attempt     1 for the first attempt at the step, 2 for the first retry, and so on
 * @param requestedBy the actor on whose behalf the step runs (a commander's name, or the playbook's service name)
 */
public record EffectorRequest(String incidentId, String stepId, EffectorAction action, AffectedAsset target,
                              String reason, int attempt, String requestedBy) {

    private static final Pattern STEP_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    public EffectorRequest {
        requireText(incidentId, "incidentId");
        requireText(requestedBy, "requestedBy");
        if (stepId == null || !STEP_ID.matcher(stepId).matches()) {
            throw new IllegalArgumentException("stepId must be 1 to 200 visible ASCII characters");
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(target.type(), "target.type");
        requireText(target.identifier(), "target.identifier");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
        reason = reason == null ? "" : reason;
    }

    /** The same step, attempt {@code attempt}: the step id, and so the idempotency key, stays the same. */
    public EffectorRequest withAttempt(int attempt) {
        return new EffectorRequest(incidentId, stepId, action, target, reason, attempt, requestedBy);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
