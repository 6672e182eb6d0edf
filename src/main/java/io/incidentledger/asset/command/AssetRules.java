package io.incidentledger.asset.command;

import java.util.Locale;

import io.incidentledger.asset.api.AssetIdentifiers;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import io.incidentledger.incident.api.IncidentId;

/**
 * The value rules the asset aggregates share. Every limit here is also a column size of the asset register, so an
 * accepted command can always be projected.
 */
final class AssetRules {

    static final int STEP_ID = 200;
    static final int EXTERNAL_REFERENCE = 1000;

    private AssetRules() {
    }

    /** The canonical chain, or null when none is given. */
    static String optionalChain(String chain) {
        if (chain == null || chain.isBlank()) {
            return null;
        }
        if (!AssetIdentifiers.isChain(chain)) {
            throw CommandRefusedException.invalid("invalid-chain",
                    "chain '" + chain + "' is not 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return AssetIdentifiers.chain(chain);
    }

    /** The canonical address, or null when none is given. */
    static String optionalAddress(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        if (!AssetIdentifiers.isAddress(address)) {
            throw CommandRefusedException.invalid("invalid-address",
                    "address '" + address + "' is not 1 to 128 letters, digits, '.', '_' or '-'");
        }
        return AssetIdentifiers.address(address);
    }

    /** The stripped text, or null when blank; refused when longer than {@code max}. */
    static String optionalText(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            throw CommandRefusedException.invalid(code(field) + "-too-long", field + " is longer than " + max
                    + " characters");
        }
        return stripped;
    }

    /** The stripped text; refused when missing, blank or longer than {@code max}. */
    static String requiredText(String field, String text, int max) {
        String value = optionalText(field, text, max);
        if (value == null) {
            throw CommandRefusedException.invalid(code(field) + "-required", field + " is required");
        }
        return value;
    }

    /** Error codes are kebab case: {@code externalReference} becomes {@code external-reference}. */
    private static String code(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** What every containment step and its undo must name: the incident, the step and why. */
    static void requireStep(IncidentId incidentId, String stepId, String reason) {
        if (incidentId == null) {
            throw CommandRefusedException.invalid("incident-required", "a containment step names its incident");
        }
        requiredText("stepId", stepId, STEP_ID);
        requiredText("reason", reason, Limits.TEXT);
    }
}
