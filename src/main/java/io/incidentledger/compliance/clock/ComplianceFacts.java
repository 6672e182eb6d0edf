package io.incidentledger.compliance.clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.incidentledger.compliance.api.Stage;

/**
 * The recorded facts of one incident that reporting clocks run from, and the reports already submitted. Every
 * instant is a business time recorded on the incident (when it happened, not when it was typed in). A {@code null}
 * instant means the fact has not been recorded: the regime or stage that runs from it has not started.
 *
 * @param awareAt                     when the entity became aware of the incident (GDPR, NIS2, DORA backstop)
 * @param personalDataBreach          the incident is a personal-data breach (GDPR Art. 4(12))
 * @param nis2Significant             the incident is significant under NIS2 Art. 23(3); its clocks run from awareness
 * @param doraMajorClassifiedAt       when it was classified as major under RTS 2024/1772, or {@code null}
 * @param secMaterialityDeterminedAt  when the registrant determined the incident to be material, or {@code null}
 * @param hipaaDiscoveredAt           when the breach of unsecured PHI was discovered (45 CFR 164.404(a)(2)), or
 *                                    {@code null}
 * @param hipaaAffectedByState        people affected per State or jurisdiction; empty when not yet counted
 * @param nydfsDeterminedAt           when the entity determined that a cybersecurity incident occurred, or
 *                                    {@code null}
 * @param nydfsExtortionPaidAt        when an extortion payment was made, or {@code null}
 * @param submissions                 reports submitted so far, any order, several per stage allowed
 */
public record ComplianceFacts(
        Instant awareAt,
        boolean personalDataBreach,
        boolean nis2Significant,
        Instant doraMajorClassifiedAt,
        Instant secMaterialityDeterminedAt,
        Instant hipaaDiscoveredAt,
        Map<String, Integer> hipaaAffectedByState,
        Instant nydfsDeterminedAt,
        Instant nydfsExtortionPaidAt,
        List<Submission> submissions) {

    public ComplianceFacts {
        Objects.requireNonNull(awareAt, "awareAt");
        hipaaAffectedByState = hipaaAffectedByState == null ? Map.of() : Map.copyOf(hipaaAffectedByState);
        hipaaAffectedByState.forEach((state, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("negative number of affected people in " + state);
            }
        });
        submissions = submissions == null ? List.of() : List.copyOf(submissions);
    }

    /** An incident the entity became aware of at {@code awareAt}, with no classification and nothing submitted. */
    public static ComplianceFacts awareAt(Instant awareAt) {
        return new ComplianceFacts(awareAt, false, false, null, null, null, Map.of(), null, null, List.of());
    }

    public ComplianceFacts withPersonalDataBreach() {
        return new ComplianceFacts(awareAt, true, nis2Significant, doraMajorClassifiedAt, secMaterialityDeterminedAt,
                hipaaDiscoveredAt, hipaaAffectedByState, nydfsDeterminedAt, nydfsExtortionPaidAt, submissions);
    }

    public ComplianceFacts withNis2Significant() {
        return new ComplianceFacts(awareAt, personalDataBreach, true, doraMajorClassifiedAt,
                secMaterialityDeterminedAt, hipaaDiscoveredAt, hipaaAffectedByState, nydfsDeterminedAt,
                nydfsExtortionPaidAt, submissions);
    }

    public ComplianceFacts withDoraMajorClassifiedAt(Instant classifiedAt) {
        return new ComplianceFacts(awareAt, personalDataBreach, nis2Significant, classifiedAt,
                secMaterialityDeterminedAt, hipaaDiscoveredAt, hipaaAffectedByState, nydfsDeterminedAt,
                nydfsExtortionPaidAt, submissions);
    }

    public ComplianceFacts withSecMaterialityDeterminedAt(Instant determinedAt) {
        return new ComplianceFacts(awareAt, personalDataBreach, nis2Significant, doraMajorClassifiedAt, determinedAt,
                hipaaDiscoveredAt, hipaaAffectedByState, nydfsDeterminedAt, nydfsExtortionPaidAt, submissions);
    }

    public ComplianceFacts withHipaaDiscovery(Instant discoveredAt, Map<String, Integer> affectedByState) {
        return new ComplianceFacts(awareAt, personalDataBreach, nis2Significant, doraMajorClassifiedAt,
                secMaterialityDeterminedAt, discoveredAt, affectedByState, nydfsDeterminedAt, nydfsExtortionPaidAt,
                submissions);
    }

    public ComplianceFacts withNydfsDeterminedAt(Instant determinedAt) {
        return new ComplianceFacts(awareAt, personalDataBreach, nis2Significant, doraMajorClassifiedAt,
                secMaterialityDeterminedAt, hipaaDiscoveredAt, hipaaAffectedByState, determinedAt,
                nydfsExtortionPaidAt, submissions);
    }

    public ComplianceFacts withNydfsExtortionPaidAt(Instant paidAt) {
        return new ComplianceFacts(awareAt, personalDataBreach, nis2Significant, doraMajorClassifiedAt,
                secMaterialityDeterminedAt, hipaaDiscoveredAt, hipaaAffectedByState, nydfsDeterminedAt, paidAt,
                submissions);
    }

    public ComplianceFacts withSubmission(Stage stage, Instant submittedAt) {
        List<Submission> more = new ArrayList<>(submissions);
        more.add(new Submission(stage, submittedAt));
        return new ComplianceFacts(awareAt, personalDataBreach, nis2Significant, doraMajorClassifiedAt,
                secMaterialityDeterminedAt, hipaaDiscoveredAt, hipaaAffectedByState, nydfsDeterminedAt,
                nydfsExtortionPaidAt, more);
    }

    /** The submission instants of one stage, earliest first. */
    public List<Instant> submissionsOf(Stage stage) {
        return submissions.stream()
                .filter(submission -> submission.stage() == stage)
                .map(Submission::submittedAt)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** Everyone affected under HIPAA, summed over the States; 0 when not yet counted. */
    public int hipaaAffectedTotal() {
        return hipaaAffectedByState.values().stream().mapToInt(Integer::intValue).sum();
    }
}
