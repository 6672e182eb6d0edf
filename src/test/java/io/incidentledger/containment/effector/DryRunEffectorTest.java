package io.incidentledger.containment.effector;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DryRunEffectorTest {

    private static final EffectorRequest PAUSE = new EffectorRequest("INC-2026-0007", "step-pause-vault",
            EffectorAction.PAUSE_CONTRACT, new AffectedAsset(AssetType.CONTRACT, "0xVaultProxy", "ethereum"),
            "reentrancy on withdraw()", 1, "bob");

    private final DryRunEffector dryRun = new DryRunEffector();

    @Test
    void reportsTheStepDoneWithAReferenceThatNamesTheDryRun() {
        assertThat(dryRun.perform(PAUSE))
                .isEqualTo(new EffectorResult.Executed("dry-run", "dry-run:step-pause-vault:PAUSE_CONTRACT"));
    }

    @Test
    void aRepeatedAttemptOfTheSameStepGetsTheSameReference() {
        assertThat(dryRun.perform(PAUSE.withAttempt(3))).isEqualTo(dryRun.perform(PAUSE));
    }

    @Test
    void logsWhatItWouldHaveDone(CapturedOutput output) {
        dryRun.perform(PAUSE);

        assertThat(output.getOut()).contains("INFO").contains("Dry run, nothing done: would PAUSE_CONTRACT "
                + "CONTRACT 0xVaultProxy on ethereum for incident INC-2026-0007, step step-pause-vault, attempt 1, "
                + "requested by bob");
    }

    @Test
    void aTargetNameCannotForgeALogLine(CapturedOutput output) {
        EffectorRequest forged = new EffectorRequest("INC-1", "step-1", EffectorAction.ISOLATE_NODE,
                new AffectedAsset(AssetType.NODE, "node-1\nINFO fake entry", null), "", 1, "bob");

        dryRun.perform(forged);

        assertThat(output.getOut()).contains("would ISOLATE_NODE NODE node-1 INFO fake entry for incident INC-1")
                .doesNotContain("node-1\n");
    }

    @Test
    void isNamedDryRun() {
        assertThat(dryRun.name()).isEqualTo("dry-run");
    }
}
