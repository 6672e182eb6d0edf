package io.incidentledger.containment.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.incidentledger.incident.api.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the product contains incidents and chases people who do not act: the playbooks, how long a waiting step may
 * wait for a commander, and how long an incident may wait for its acknowledgement.
 *
 * @param playbooks       what to do per incident category (or detection rule) and minimum severity
 * @param approval        deadlines for steps that wait for a commander's approval
 * @param acknowledgement deadlines for acknowledging a new incident, per severity
 */
@Validated
@ConfigurationProperties("incident-ledger.containment")
public record ContainmentProperties(@DefaultValue List<@Valid Playbook> playbooks,
                                    @Valid @NotNull Approval approval,
                                    @Valid @NotNull Acknowledgement acknowledgement) {

    /**
     * @param timeout        how long a step waits for a commander before the first escalation
     * @param warnBefore     how long before the timeout the approaching deadline is announced
     * @param repeat         how often the escalation repeats, one tier higher each time, until someone acts
     * @param raiseSeverity  whether each escalation also raises the incident's severity by one level
     */
    public record Approval(@NotNull Duration timeout, @NotNull Duration warnBefore, @NotNull Duration repeat,
                           boolean raiseSeverity) {
    }

    /**
     * @param limits         how long an incident of each severity may wait for its acknowledgement
     * @param warnBefore     how long before the limit the approaching deadline is announced
     * @param repeat         how often the escalation repeats, one tier higher each time, until someone acknowledges
     * @param raiseSeverity  whether each escalation also raises the incident's severity by one level
     */
    public record Acknowledgement(@NotNull Map<Severity, Duration> limits, @NotNull Duration warnBefore,
                                  @NotNull Duration repeat, boolean raiseSeverity) {

        /** The limit for a severity; a severity missing from the configuration gets the limit of the next higher. */
        public Duration limitFor(Severity severity) {
            for (int level = severity.ordinal(); level < Severity.values().length; level++) {
                Duration limit = limits.get(Severity.values()[level]);
                if (limit != null) {
                    return limit;
                }
            }
            throw new IllegalStateException("no acknowledgement limit is configured for " + severity + " or above");
        }
    }
}
