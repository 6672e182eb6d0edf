package io.incidentledger.containment.effector;

import java.util.Objects;

/**
 * How one attempt at a containment step ended. Every text in it is safe for events and logs: one line, bounded, no
 * secret, a receiver named by host and port only, its answer abbreviated.
 */
public sealed interface EffectorResult
        permits EffectorResult.Executed, EffectorResult.RetryableFailure, EffectorResult.PermanentFailure {

    /** Longest reason kept; a receiver's answer is cut well before that. */
    int MAX_REASON_CHARS = 300;
    int MAX_REFERENCE_CHARS = 200;

    /**
     * The outside world did it.
     *
     * @param adapter           the adapter that did it ({@code dry-run}, {@code webhook})
     * @param externalReference the receiver's reference for the action, to find it on their side
     */
    record Executed(String adapter, String externalReference) implements EffectorResult {
        public Executed {
            Objects.requireNonNull(adapter, "adapter");
            externalReference = SafeText.of(externalReference, MAX_REFERENCE_CHARS);
        }
    }

    /** It did not happen this time but may the next: the receiver was unreachable, slow, overloaded or failing. */
    record RetryableFailure(String reason) implements EffectorResult {
        public RetryableFailure {
            reason = SafeText.of(reason, MAX_REASON_CHARS);
        }
    }

    /** It did not happen and trying again will not help: the receiver refused, or the attempts are used up. */
    record PermanentFailure(String reason) implements EffectorResult {
        public PermanentFailure {
            reason = SafeText.of(reason, MAX_REASON_CHARS);
        }
    }
}
