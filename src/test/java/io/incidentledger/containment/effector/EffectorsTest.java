package io.incidentledger.containment.effector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EffectorsTest {

    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));

    /** An adapter per port that remembers what reached it, so routing is visible. */
    private static final class RecordingAdapter implements Effector {
        private final String name;
        private final List<EffectorAction> received = new ArrayList<>();

        RecordingAdapter(String name) {
            this.name = name;
        }

        @Override
        public EffectorResult perform(EffectorRequest request) {
            received.add(request.action());
            return new EffectorResult.Executed(name, name + "-ref");
        }

        @Override
        public String name() {
            return name;
        }
    }

    @ParameterizedTest
    @EnumSource(EffectorAction.class)
    void eachActionGoesToTheAdapterOfItsPort(EffectorAction action) {
        Map<Port, RecordingAdapter> adapters = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            adapters.put(port, new RecordingAdapter(port.key()));
        }
        Effectors effectors = new Effectors(adapters, everyPort(RetryPolicy.DEFAULT));

        EffectorResult result = effectors.perform(request(action));

        assertThat(result).isEqualTo(new EffectorResult.Executed(action.port().key(), action.port().key() + "-ref"));
        assertThat(effectors.adapterFor(action)).isEqualTo(action.port().key());
        adapters.forEach((port, adapter) ->
                assertThat(adapter.received).isEqualTo(port == action.port() ? List.of(action) : List.of()));
    }

    @Test
    void eachPortHasItsOwnRetryPolicy() {
        Map<Port, RetryPolicy> policies = everyPort(RetryPolicy.DEFAULT);
        policies.put(Port.WITHDRAWAL_CONTROL, ONCE);
        Effectors effectors = new Effectors(everyPort(new DryRunEffector()), policies);

        assertThat(effectors.retryPolicyFor(EffectorAction.FREEZE_WITHDRAWALS)).isEqualTo(ONCE);
        assertThat(effectors.retryPolicyFor(EffectorAction.REOPEN_WITHDRAWALS)).isEqualTo(ONCE);
        assertThat(effectors.retryPolicyFor(EffectorAction.REVOKE_KEY)).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void anAdapterThatThrowsGivesAPermanentFailureInsteadOfAnException() {
        Effectors effectors = Effectors.everywhere(new Effector() {
            @Override
            public EffectorResult perform(EffectorRequest request) {
                throw new IllegalStateException("bug with https://kms.example/hook?token=abc");
            }

            @Override
            public String name() {
                return "broken";
            }
        }, RetryPolicy.DEFAULT);

        assertThat(effectors.perform(request(EffectorAction.REVOKE_KEY))).isEqualTo(
                new EffectorResult.PermanentFailure("the broken adapter failed unexpectedly (IllegalStateException)"));
    }

    @Test
    void anAdapterThatAnswersNothingGivesAPermanentFailure() {
        Effectors effectors = Effectors.everywhere(request -> null, RetryPolicy.DEFAULT);

        assertThat(effectors.perform(request(EffectorAction.ISOLATE_NODE)))
                .isInstanceOf(EffectorResult.PermanentFailure.class);
    }

    @Test
    void everyPortNeedsAnAdapter() {
        Map<Port, Effector> adapters = everyPort(new DryRunEffector());
        adapters.remove(Port.CONTRACT_PAUSING);

        assertThatThrownBy(() -> new Effectors(adapters, everyPort(RetryPolicy.DEFAULT)))
                .hasMessage("no adapter for port CONTRACT_PAUSING");
    }

    @Test
    void undoActionsStayOnTheSamePort() {
        for (EffectorAction action : EffectorAction.values()) {
            action.undo().ifPresent(undo -> assertThat(undo.port()).isEqualTo(action.port()));
        }
        assertThat(EffectorAction.ISOLATE_NODE.undo()).contains(EffectorAction.RESTORE_NODE);
        assertThat(EffectorAction.PAUSE_CONTRACT.undo()).contains(EffectorAction.UNPAUSE_CONTRACT);
        assertThat(EffectorAction.FREEZE_WITHDRAWALS.undo()).contains(EffectorAction.REOPEN_WITHDRAWALS);
        assertThat(EffectorAction.REVOKE_KEY.undo()).isEmpty();
    }

    @Test
    void reasonsAreOneBoundedLineWithUrlsCutToTheirHost() {
        EffectorResult.RetryableFailure failure = new EffectorResult.RetryableFailure(
                "answered 500: see https://user:pw@kms.example:8443/admin/x?token=abc\nand " + "y".repeat(1000));

        assertThat(failure.reason()).startsWith("answered 500: see https://kms.example:8443 and yyy")
                .doesNotContain("token").doesNotContain("pw").doesNotContain("/admin").doesNotContain("\n")
                .hasSize(EffectorResult.MAX_REASON_CHARS + 1);
    }

    @Test
    void aStepIdThatCannotTravelInAHeaderIsRefused() {
        assertThatThrownBy(() -> new EffectorRequest("INC-1", "step\r\nX-Evil: 1", EffectorAction.REVOKE_KEY,
                new AffectedAsset(AssetType.SIGNING_KEY, "k", null), "", 1, "alice"))
                .hasMessageContaining("stepId");
        assertThatThrownBy(() -> request(EffectorAction.REVOKE_KEY).withAttempt(0)).hasMessageContaining("attempt");
    }

    private static EffectorRequest request(EffectorAction action) {
        return new EffectorRequest("INC-1", "step-" + action, action,
                new AffectedAsset(AssetType.SERVICE, "target-1", null), "test", 1, "alice");
    }

    private static <T> Map<Port, T> everyPort(T value) {
        Map<Port, T> map = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            map.put(port, value);
        }
        return map;
    }
}
