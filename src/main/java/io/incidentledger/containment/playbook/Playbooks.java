package io.incidentledger.containment.playbook;

import java.util.List;
import java.util.Set;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import org.springframework.stereotype.Component;

/** The configured playbooks, checked at start-up: names are unique and no playbook undoes containment. */
@Component
public class Playbooks {

    private final List<Playbook> playbooks;

    public Playbooks(ContainmentProperties properties) {
        this.playbooks = List.copyOf(properties.playbooks());
        long names = playbooks.stream().map(Playbook::name).distinct().count();
        if (names != playbooks.size()) {
            throw new IllegalStateException("incident-ledger.containment.playbooks: playbook names must be unique");
        }
        playbooks.forEach(playbook -> playbook.steps().forEach(step -> {
            if (step.action().isUndo()) {
                throw new IllegalStateException("incident-ledger.containment.playbooks: playbook " + playbook.name()
                        + " has the undo step " + step.action() + "; undoing is for commanders only");
            }
        }));
    }

    /** The playbooks an incident with these facts falls under, in configuration order. */
    public List<Playbook> covering(Category category, Severity severity, Set<String> ruleIds) {
        return playbooks.stream().filter(playbook -> playbook.covers(category, severity, ruleIds)).toList();
    }
}
