package io.incidentledger.containment.execution;

import java.time.Duration;

/** What came of one attempt at a containment step. */
sealed interface StepOutcome {

    /** The outside world carried it out and the asset's record says so. */
    record Executed(String adapter, String externalReference) implements StepOutcome {
    }

    /** It failed in a way worth trying again after {@code backoff}. */
    record Retry(String reason, Duration backoff) implements StepOutcome {
    }

    /** It failed for good: refused by the receiver, an unknown asset, or out of attempts. */
    record Failed(String reason) implements StepOutcome {
    }
}
