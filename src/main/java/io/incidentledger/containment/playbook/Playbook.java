package io.incidentledger.containment.playbook;

import java.util.List;
import java.util.Set;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What to do when an incident of one of {@code categories}, or with a detection from one of {@code rules}, is at
 * least {@code minSeverity}.
 *
 * @param name        shown on every step the playbook requests
 * @param categories  incident categories the playbook covers
 * @param rules       ids of our detection rules (e.g. {@code hot-wallet-velocity}) whose detections bring an incident
 *                    into the playbook's reach whatever its category
 * @param minSeverity the least severity the playbook acts on
 * @param steps       in order
 */
public record Playbook(@NotBlank String name,
                       @DefaultValue Set<Category> categories,
                       @DefaultValue Set<String> rules,
                       @NotNull Severity minSeverity,
                       @NotEmpty List<@Valid PlaybookStep> steps) {

    /** Whether an incident with these facts falls under the playbook. */
    public boolean covers(Category category, Severity severity, Set<String> ruleIds) {
        boolean matches = categories.contains(category) || ruleIds.stream().anyMatch(rules::contains);
        return matches && !minSeverity.isAbove(severity);
    }
}
