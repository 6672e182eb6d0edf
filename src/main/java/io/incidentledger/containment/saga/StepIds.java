package io.incidentledger.containment.saga;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;

/**
 * Step ids derived from what a step does, so that every node, every replay and every playbook asking for the same
 * action on the same asset of one incident arrive at one step. A notification step, which acts on no asset, is one
 * per playbook.
 */
public final class StepIds {

    private StepIds() {
    }

    public static String of(IncidentId incidentId, ContainmentStepAction action, AffectedAsset target,
                            String playbook) {
        String subject = target == null ? "playbook:" + playbook
                : target.type() + ":" + (target.chain() == null ? "" : target.chain().toLowerCase(Locale.ROOT))
                + ":" + target.identifier().toLowerCase(Locale.ROOT);
        return "step-" + sha256(incidentId + "\n" + action + "\n" + subject).substring(0, 24);
    }

    /** A step a commander asks for by hand: one per request, so the same undo can be asked for twice. */
    public static String manual(IncidentId incidentId, ContainmentStepAction action, AffectedAsset target,
                                String requestKey) {
        return "step-" + sha256(incidentId + "\n" + action + "\n" + target + "\nmanual:" + requestKey)
                .substring(0, 24);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
