package io.incidentledger.ledger.offline;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.incidentledger.ledger.bundle.AuditBundle;

/**
 * Reads what the offline verifier is given: an audit bundle, bound with Jackson to {@link AuditBundle} as strictly
 * as docs/ledger-format.md (section 5) describes it, a consistency proof bound to {@link AuditBundle.Consistency},
 * and the hashes and bytes their fields carry as text. Every field must be present with its JSON type,
 * {@code null} only where the format allows it, and no key may appear twice.
 *
 * <p>A bad bundle is reported naming the field and its place as the format names them (Jackson's own messages
 * name Java types and members): {@code event sequence 2 (bundle position 2, leaf 7): field 'payload' is missing}.
 */
final class BundleReader {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HASH_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // fields a later version may add are no reason to refuse a bundle
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // no field null or absent, but where the mix-ins below allow it
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL))
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // each field of the JSON type the format gives it: no number from a string, no string from a number
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Integer, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addMixIn(AuditBundle.class, BundleNulls.class)
            .addMixIn(AuditBundle.Event.class, EventNulls.class)
            .addMixIn(AuditBundle.Consistency.class, ConsistencyNulls.class)
            .build();

    private BundleReader() {
    }

    /**
     * The bundle in {@code file}.
     *
     * @throws UnusableInput if the file cannot be read or holds no audit bundle of this format
     * @throws InvalidBundle if it holds a bundle with a field missing, {@code null} or of the wrong type
     */
    static AuditBundle bundle(Path file) {
        JsonNode tree = json(text(file, "bundle"), "bundle " + file);
        if (!tree.isObject()) {
            throw new UnusableInput("the bundle " + file + " is not a JSON object");
        }
        JsonNode format = tree.get("format");
        if (format == null || !format.isTextual() || !AuditBundle.FORMAT.equals(format.asText())) {
            throw new UnusableInput("the file " + file + " is not an audit bundle of format " + AuditBundle.FORMAT
                    + " (format: " + (format == null ? "missing" : format.toString()) + ")");
        }
        return bind(tree, AuditBundle.class, "bundle");
    }

    /** A consistency proof in the JSON of {@code GET /api/ledger/proofs/consistency}; {@code place} names it. */
    static AuditBundle.Consistency consistencyProof(String content, String place) {
        JsonNode tree = json(content, place);
        if (!tree.isObject()) {
            throw new UnusableInput(place + " is not a JSON object");
        }
        return bind(tree, AuditBundle.Consistency.class, place);
    }

    /** The file's text, which must be UTF-8. */
    static String text(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnusableInput("cannot read the " + what + " " + file + ": " + e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnusableInput("the " + what + " " + file + " is not valid UTF-8");
        }
    }

    /** The place of an event in messages, as docs/ledger-format.md (section 6) gives it. */
    static String eventPlace(long sequence, int position, long leafIndex) {
        return "event sequence " + sequence + " (bundle position " + position + ", leaf " + leafIndex + ")";
    }

    /** A 32-byte hash written as 64 hex digits. */
    static byte[] hash(String value, String field, String place) {
        if (!HASH_HEX.matcher(value).matches()) {
            throw new InvalidBundle(place + ": field '" + field + "' is not a 32-byte hex hash");
        }
        return HEX.parseHex(value);
    }

    static List<byte[]> hashes(List<String> values, String field, String place) {
        List<byte[]> hashes = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (!HASH_HEX.matcher(values.get(i)).matches()) {
                throw new InvalidBundle(place + ": element " + i + " of '" + field + "' is not a 32-byte hex hash");
            }
            hashes.add(HEX.parseHex(values.get(i)));
        }
        return hashes;
    }

    /** Bytes written as canonical padded base64; {@code null} stays {@code null}. */
    static byte[] base64(String value, String field, String place) {
        if (value == null) {
            return null;
        }
        try {
            return strictBase64(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidBundle(place + ": field '" + field + "' is not canonical padded base64");
        }
    }

    /**
     * Standard padded base64 with nothing the encoder would not write, so that one byte string has one text.
     *
     * @throws IllegalArgumentException if it is not
     */
    static byte[] strictBase64(String value) {
        byte[] decoded = Base64.getDecoder().decode(value);
        if (!Base64.getEncoder().encodeToString(decoded).equals(value)) {
            throw new IllegalArgumentException("not canonical");
        }
        return decoded;
    }

    private static JsonNode json(String content, String what) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || node.isMissingNode()) {
                throw new UnusableInput(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UnusableInput(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static <T> T bind(JsonNode tree, Class<T> type, String place) {
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonMappingException failure) {
            throw new InvalidBundle(new Failure(tree, type, place).at(failure.getPath(), failure));
        } catch (JsonProcessingException failure) {
            throw new InvalidBundle(place + ": " + failure.getOriginalMessage());
        }
    }

    /** Says which field a binding failure is about and what is wrong with it, following Jackson's path. */
    private record Failure(JsonNode tree, Class<?> type, String place) {

        String at(List<JsonMappingException.Reference> path, JsonMappingException failure) {
            JsonNode node = tree;
            Type nodeType = type;
            String where = place;
            for (int step = 0; step < path.size(); step++) {
                JsonMappingException.Reference reference = path.get(step);
                boolean last = step == path.size() - 1;
                if (reference.getFieldName() != null) {
                    String field = reference.getFieldName();
                    Type fieldType = componentType(nodeType, field);
                    JsonNode value = node.get(field);
                    if (last || value == null || fieldType == null) {
                        return field(where, field, fieldType, value);
                    }
                    if (fieldType instanceof Class<?> record && record.isRecord()) {
                        where = switch (field) {
                            case "checkpoint", "consistencyProof" ->
                                    where.startsWith("anchor ") ? where + ", " + field : field;
                            default -> where + ", " + field;
                        };
                    }
                    node = value;
                    nodeType = fieldType;
                } else {
                    int index = reference.getIndex();
                    Type elementType = ((ParameterizedType) nodeType).getActualTypeArguments()[0];
                    JsonNode value = node.get(index);
                    if (elementType == AuditBundle.Event.class) {
                        if (last || value == null || !value.isObject()) {
                            return "event at bundle position " + index + ": not a JSON object";
                        }
                        where = eventPlace(value, index);
                    } else if (elementType == AuditBundle.ChainAnchor.class) {
                        if (last || value == null || !value.isObject()) {
                            return "anchor " + index + ": not a JSON object";
                        }
                        where = "anchor " + index;
                    } else {
                        return where + ": element " + index + " of '" + path.get(step - 1).getFieldName()
                                + "' is not a 32-byte hex hash";
                    }
                    node = value;
                    nodeType = elementType;
                }
            }
            return where + ": " + failure.getOriginalMessage();
        }

        private static String field(String where, String field, Type fieldType, JsonNode value) {
            if ("bundle".equals(where) && "events".equals(field)) {
                return "bundle: field 'events' is missing or not an array";
            }
            if (value == null) {
                return where + ": field '" + field + "' is missing";
            }
            Class<?> expected = fieldType instanceof ParameterizedType generic ? (Class<?>) generic.getRawType()
                    : (Class<?>) fieldType;
            String kind;
            if (expected == String.class) {
                kind = "a string";
            } else if (expected == long.class || expected == int.class) {
                kind = "an integer";
            } else if (expected == List.class) {
                kind = "an array";
            } else {
                kind = "an object";
            }
            return where + ": field '" + field + "' is not " + kind;
        }

        /**
         * The place of the event at {@code position}, which names its sequence number and leaf index, or the failure
         * of those two fields, which come first.
         */
        private static String eventPlace(JsonNode event, int position) {
            String where = "event at bundle position " + position;
            long[] values = new long[2];
            String[] fields = {"sequenceNumber", "leafIndex"};
            for (int i = 0; i < fields.length; i++) {
                JsonNode value = event.get(fields[i]);
                if (value == null) {
                    throw new InvalidBundle(where + ": field '" + fields[i] + "' is missing");
                }
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new InvalidBundle(where + ": field '" + fields[i] + "' is not an integer");
                }
                values[i] = value.asLong();
            }
            return BundleReader.eventPlace(values[0], position, values[1]);
        }

        /** The declared type of a record's component, or {@code null} when it has none of that name. */
        private static Type componentType(Type recordType, String name) {
            if (recordType instanceof Class<?> record && record.isRecord()) {
                for (RecordComponent component : record.getRecordComponents()) {
                    if (component.getName().equals(name)) {
                        return component.getGenericType();
                    }
                }
            }
            return null;
        }
    }

    /**
     * The exceptions to "present and not null", which every field not named in these mix-ins must be: the verifier key
     * may be null; the informational fields and the consistency proof may also be absent.
     */
    private abstract static class BundleNulls {

        @JsonProperty(required = true)
        @JsonSetter(nulls = Nulls.SET)
        abstract String verifierKey();

        @JsonSetter(nulls = Nulls.SET)
        abstract String exportedAt();

        @JsonSetter(nulls = Nulls.AS_EMPTY)
        abstract int eventsNotYetInCheckpoint();

        @JsonSetter(nulls = Nulls.SET)
        abstract AuditBundle.Consistency consistencyProof();

        @JsonSetter(nulls = Nulls.SET)
        abstract List<AuditBundle.ChainAnchor> anchors();
    }

    /** Absent columns are null; the informational global index and the tlog proof may also be absent. */
    private abstract static class EventNulls {

        @JsonProperty(required = true)
        @JsonSetter(nulls = Nulls.SET)
        abstract String aggregateType();

        @JsonProperty(required = true)
        @JsonSetter(nulls = Nulls.SET)
        abstract String payloadRevision();

        @JsonProperty(required = true)
        @JsonSetter(nulls = Nulls.SET)
        abstract String metaData();

        @JsonSetter(nulls = Nulls.AS_EMPTY)
        abstract long globalIndex();

        @JsonSetter(nulls = Nulls.SET)
        abstract String tlogProof();
    }

    /** The roots are convenience copies and may be absent. */
    private abstract static class ConsistencyNulls {

        @JsonSetter(nulls = Nulls.SET)
        abstract String fromRoot();

        @JsonSetter(nulls = Nulls.SET)
        abstract String toRoot();
    }
}
