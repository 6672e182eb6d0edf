package io.incidentledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON request bodies are read exactly as docs/api.md describes them: a text field takes a JSON string and nothing
 * else, a flag takes {@code true} or {@code false}, an enum takes one of its names, times take the ISO-8601 forms of
 * {@link IsoTimes}; a field named twice or unknown refuses the whole request. Jackson's defaults would turn
 * {@code 12345} into the title "12345", {@code 1} into the severity MEDIUM and {@code 20261231} into a date in the year
 * 57443.
 */
final class StrictJson {

    private StrictJson() {
    }

    static void configure(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, enums -> enums
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, flags -> flags
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .addModule(new SimpleModule("iso-times")
                        .addDeserializer(Instant.class, new IsoText<>(Instant.class, IsoTimes::instant))
                        .addDeserializer(LocalDate.class, new IsoText<>(LocalDate.class, IsoTimes::date)));
    }

    /** A time from a JSON string in its one ISO-8601 form; a number, an array or an object is refused. */
    private static final class IsoText<T> extends ValueDeserializer<T> {

        private final Class<T> type;
        private final Function<String, T> parse;

        IsoText(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(type, parser);
            }
            String text = parser.getString();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException notIso) {
                return (T) context.handleWeirdStringValue(type, text, "not in ISO-8601 form");
            }
        }

        @Override
        public Class<?> handledType() {
            return type;
        }
    }
}
