package io.incidentledger.ledger.witness;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which witnesses cosign the log's checkpoints, and the policy over their cosignatures (docs/ledger-witnessing.md).
 *
 * @param witnesses      the witnesses asked to cosign every new checkpoint; none by default
 * @param quorum         how many of them must cosign a checkpoint for it to count as witnessed; 0 turns the quorum
 *                       alarm off
 * @param quorumTimeout  how long a signed checkpoint may wait for its quorum before the alarm is raised
 * @param requestTimeout how long one request to a witness may take
 * @param pollInterval   how often the cosigner looks for a new checkpoint
 * @param minBackoff     the first pause after a witness failed; it doubles with each failure in a row
 * @param maxBackoff     the longest pause between attempts at a failing witness
 * @param bundleWait     how long an audit bundle export waits for a witnessed checkpoint that covers the incident
 */
@Validated
@ConfigurationProperties("incident-ledger.ledger.witnessing")
public record WitnessingProperties(@DefaultValue List<@Valid Witness> witnesses,
                                   @DefaultValue("0") @PositiveOrZero int quorum,
                                   @DefaultValue("5m") @NotNull Duration quorumTimeout,
                                   @DefaultValue("10s") @NotNull Duration requestTimeout,
                                   @DefaultValue("200ms") @NotNull Duration pollInterval,
                                   @DefaultValue("1s") @NotNull Duration minBackoff,
                                   @DefaultValue("5m") @NotNull Duration maxBackoff,
                                   @DefaultValue("3s") @NotNull Duration bundleWait) {

    /**
     * One witness.
     *
     * @param url         its submission prefix: {@code add-checkpoint} is posted to {@code <url>/add-checkpoint}, and
     *                    its monitoring prefix is taken to be the same
     * @param verifierKey its Ed25519 cosigner verifier key {@code <name>+<key ID>+<base64(0x04 || key)>}
     */
    public record Witness(@NotNull URI url, @NotBlank String verifierKey) {
    }

    @AssertTrue(message = "quorum must not exceed the number of witnesses")
    public boolean isQuorumReachable() {
        return quorum <= witnesses.size();
    }
}
