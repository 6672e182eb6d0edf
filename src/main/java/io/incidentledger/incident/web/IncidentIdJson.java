package io.incidentledger.incident.web;

import io.incidentledger.incident.api.IncidentId;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** In API responses an incident id is its raw value, as in URLs. */
@JacksonComponent
class IncidentIdJson extends ValueSerializer<IncidentId> {

    @Override
    public void serialize(IncidentId id, JsonGenerator generator, SerializationContext context) {
        generator.writeString(id.value());
    }
}
