package io.incidentledger.incident.web;

import java.util.Locale;
import java.util.regex.Pattern;

import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.web.NotFoundException;

/**
 * The incident id in a request path, for every controller that has one: anything that is not an incident id names no
 * incident (404), never a malformed request. An incident id is a UUID in its canonical 8-4-4-4-12 hexadecimal form,
 * in either case; the lenient spellings {@link java.util.UUID#fromString} also takes ({@code 1-1-1-1-1}, overlong
 * groups) and the ids of other aggregates ({@code access-log:…}, {@code signing-key:…}) are not.
 */
public final class IncidentPaths {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private IncidentPaths() {
    }

    public static IncidentId incidentId(String id) {
        if (id == null || !CANONICAL_UUID.matcher(id).matches()) {
            throw notFound(id);
        }
        return new IncidentId(id.toLowerCase(Locale.ROOT));
    }

    public static NotFoundException notFound(String id) {
        return new NotFoundException("incident-not-found", "no incident " + id);
    }
}
