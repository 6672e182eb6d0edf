package io.incidentledger.containment.effector;

import io.incidentledger.incident.api.AffectedAsset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: says in the log what it would have done and reports it done, touching nothing outside. Its
 * reference depends only on the step and the action, so a repeated attempt reports the same reference.
 */
public final class DryRunEffector implements Effector {

    public static final String NAME = "dry-run";

    private static final Logger log = LoggerFactory.getLogger(DryRunEffector.class);

    @Override
    public EffectorResult perform(EffectorRequest request) {
        AffectedAsset target = request.target();
        log.info("Dry run, nothing done: would {} {} {}{} for incident {}, step {}, attempt {}, requested by {}",
                request.action(), target.type(), SafeText.of(target.identifier(), 200),
                target.chain() == null ? "" : " on " + SafeText.of(target.chain(), 50),
                SafeText.of(request.incidentId(), 100), request.stepId(), request.attempt(),
                SafeText.of(request.requestedBy(), 100));
        return new EffectorResult.Executed(NAME, NAME + ":" + request.stepId() + ":" + request.action());
    }

    @Override
    public String name() {
        return NAME;
    }
}
