package io.incidentledger.containment.effector;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ports as the containment saga sees them: sends each step to the adapter configured for its action's port and
 * gives the port's retry policy. One call is one attempt; an adapter's unexpected exception becomes a permanent
 * failure, so the saga always gets an outcome to record.
 */
public class Effectors {

    private static final Logger log = LoggerFactory.getLogger(Effectors.class);

    private final Map<Port, Effector> adapters;
    private final Map<Port, RetryPolicy> retryPolicies;

    /** Needs an adapter and a retry policy for every port. */
    public Effectors(Map<Port, ? extends Effector> adapters, Map<Port, RetryPolicy> retryPolicies) {
        this.adapters = complete(adapters, "adapter");
        this.retryPolicies = complete(retryPolicies, "retry policy");
    }

    /** One adapter and one retry policy for every port, e.g. a dry run everywhere. */
    public static Effectors everywhere(Effector adapter, RetryPolicy retryPolicy) {
        return new Effectors(forEveryPort(port -> adapter), forEveryPort(port -> retryPolicy));
    }

    /** Makes one attempt at the request's step through the adapter of its action's port. */
    public EffectorResult perform(EffectorRequest request) {
        Effector adapter = adapters.get(request.action().port());
        EffectorResult result;
        try {
            result = adapter.perform(request);
            if (result == null) {
                result = new EffectorResult.PermanentFailure("the " + adapter.name() + " adapter gave no outcome");
            }
        } catch (RuntimeException e) {
            // a defect in an adapter, not a state of the outside world: retrying the same code would not help
            log.warn("The {} adapter failed unexpectedly on step {} of incident {}: {}", adapter.name(),
                    request.stepId(), SafeText.of(request.incidentId(), 100), e.getClass().getName());
            log.debug("The {} adapter's failure", adapter.name(), e);
            result = new EffectorResult.PermanentFailure(
                    "the " + adapter.name() + " adapter failed unexpectedly (" + e.getClass().getSimpleName() + ")");
        }
        logOutcome(request, adapter, result);
        return result;
    }

    /** The name of the adapter that carries out {@code action}, for display ({@code dry-run}, {@code webhook}). */
    public String adapterFor(EffectorAction action) {
        return adapters.get(action.port()).name();
    }

    /** How the saga retries {@code action} after a retryable failure. */
    public RetryPolicy retryPolicyFor(EffectorAction action) {
        return retryPolicies.get(action.port());
    }

    private static void logOutcome(EffectorRequest request, Effector adapter, EffectorResult result) {
        String incident = SafeText.of(request.incidentId(), 100);
        if (result instanceof EffectorResult.Executed executed) {
            log.info("{} executed by {} for incident {}, step {}, attempt {}: {}", request.action(), adapter.name(),
                    incident, request.stepId(), request.attempt(), executed.externalReference());
        } else if (result instanceof EffectorResult.RetryableFailure failure) {
            log.warn("{} failed for incident {}, step {}, attempt {} (retried while attempts remain): {}",
                    request.action(), incident, request.stepId(), request.attempt(), failure.reason());
        } else if (result instanceof EffectorResult.PermanentFailure failure) {
            log.warn("{} failed for good for incident {}, step {}, attempt {}: {}", request.action(), incident,
                    request.stepId(), request.attempt(), failure.reason());
        }
    }

    private static <T> Map<Port, T> forEveryPort(Function<Port, T> value) {
        Map<Port, T> map = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            map.put(port, value.apply(port));
        }
        return map;
    }

    private static <T> Map<Port, T> complete(Map<Port, ? extends T> given, String what) {
        Map<Port, T> map = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            T value = given.get(port);
            if (value == null) {
                throw new IllegalArgumentException("no " + what + " for port " + port);
            }
            map.put(port, value);
        }
        return Map.copyOf(map);
    }
}
