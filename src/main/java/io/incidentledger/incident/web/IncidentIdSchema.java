package io.incidentledger.incident.web;

import java.util.Iterator;

import io.incidentledger.incident.api.IncidentId;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springframework.stereotype.Component;

/** In the OpenAPI document an incident id is a string, as {@link IncidentIdJson} writes it, not an object. */
@Component
class IncidentIdSchema implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (Json.mapper().constructType(type.getType()).getRawClass() == IncidentId.class) {
            return new StringSchema().description("an incident's id, as in its URL");
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
