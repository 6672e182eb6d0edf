package io.incidentledger.incident.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of an incident. Its {@code toString()} is the raw value, which is also the aggregate identifier in the
 * event store.
 */
public record IncidentId(String value) {

    public IncidentId {
        Objects.requireNonNull(value, "value");
        UUID.fromString(value);
    }

    public static IncidentId of(UUID uuid) {
        return new IncidentId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
