package io.incidentledger.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.incident.api.IncidentId;

/**
 * The incident id in a request, for every controller that takes one: in a path, anything that is not an incident id
 * names no incident (404), never a malformed request; in a query parameter it is an invalid value (422). An incident
 * id is a UUID in its canonical 8-4-4-4-12 hexadecimal form, in either case; the lenient spellings
 * {@link java.util.UUID#fromString} also takes ({@code 1-1-1-1-1}, overlong groups) and the ids of other aggregates
 * ({@code access-log:…}, {@code signing-key:…}) are not.
 */
public final class IncidentPaths {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private IncidentPaths() {
    }

    /** The incident id in a path: what is not one names no incident (404). */
    public static IncidentId incidentId(String id) {
        return parse(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The incident id in a query parameter, such as a filter: what is not one is an invalid value of the parameter
     * (422), while an id that names no incident is a filter that matches nothing.
     */
    public static IncidentId incidentIdParameter(String name, String id) {
        return parse(id).orElseThrow(() -> CommandRefusedException.invalid("invalid-parameter", "parameter '" + name
                + "' must be an incident id, a UUID in its canonical 8-4-4-4-12 hexadecimal form"));
    }

    /** The one rule for what an incident id is; the id in its canonical lower-case form, the aggregate identifier. */
    public static Optional<IncidentId> parse(String id) {
        if (id == null || !CANONICAL_UUID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(new IncidentId(id.toLowerCase(Locale.ROOT)));
    }

    public static NotFoundException notFound(String id) {
        return new NotFoundException("incident-not-found", "no incident " + id);
    }
}
