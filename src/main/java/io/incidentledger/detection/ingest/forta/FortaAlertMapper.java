package io.incidentledger.detection.ingest.forta;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Instants;
import io.incidentledger.common.Limits;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import tools.jackson.databind.JsonNode;

/**
 * Maps a Forta alert (as the network, its GraphQL API, a scan node's webhook and {@code handleAlert} deliver it) or a
 * Forta finding (as a bot emits it, with either SDK generation) to a detection. Fields Forta adds over time are
 * ignored; a missing or ill-typed field that the mapping needs is refused with 422 {@code invalid-detection}. The
 * mapping table is in docs/detections.md, section "Forta".
 */
public final class FortaAlertMapper {

    /** Forta's {@code FindingSeverity}, in the SDK's numeric order (forta-core-go protocol/alert.proto: the same). */
    private static final List<String> SEVERITIES = List.of("UNKNOWN", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    /** Forta's {@code FindingType}, in the SDK's numeric order, by the SDKs' names. */
    private static final List<String> TYPES = List.of("UNKNOWN", "EXPLOIT", "SUSPICIOUS", "DEGRADED", "INFO", "SCAM");
    /**
     * The protocol's own names where they differ from the SDKs': forta-core-go protocol/alert.proto
     * {@code Finding.FindingType} has {@code UNKNOWN_TYPE} and {@code INFORMATION}, and the webhook
     * (protocol/webhook/swagger.yml) and the GraphQL API emit those names.
     */
    private static final Map<String, String> TYPE_ALIASES = Map.of("UNKNOWN_TYPE", "UNKNOWN", "INFORMATION", "INFO");
    /** A block timestamp as the scan node forwards it from JSON-RPC: hex seconds. */
    private static final Pattern HEX_SECONDS = Pattern.compile("0[xX][0-9a-fA-F]{1,12}");
    /** Python's {@code str(datetime)}, which forta-agent 1.x findings carry: a space, maybe no offset. */
    private static final DateTimeFormatter PYTHON_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd().toFormatter(Locale.ROOT);

    private FortaAlertMapper() {
    }

    /** A detection and the title of the incident it would open. */
    public record Mapped(Detection detection, String title) {
    }

    public static Mapped map(JsonNode alert, String payloadSha256, Instant receivedAt) {
        return map(alert, payloadSha256, receivedAt, null, false);
    }

    /**
     * @param fallbackId         the {@code sourceAlertId} of an alert with neither {@code hash} nor {@code uniqueKey}
     *                           (null: none, and duplicates are recognised by the payload hash)
     * @param unorderedAddresses whether {@code addresses} come in no fixed order (a scan node's webhook lists the keys
     *                           of a Go map): the correlation subject is then the lowest address, not the first
     */
    static Mapped map(JsonNode alert, String payloadSha256, Instant receivedAt, String fallbackId,
                      boolean unorderedAddresses) {
        if (alert == null || !alert.isObject()) {
            throw invalid("the body must be a Forta alert or finding object");
        }
        String alertId = requiredText(alert, "alertId", Limits.ADDRESS);
        String name = requiredText(alert, "name", Integer.MAX_VALUE);
        String description = optionalText(alert, "description");
        // proto3 JSON and forta-bot 2.x (Python) leave out a zero enum: no severity is UNKNOWN, no type UNKNOWN
        String nativeSeverity = enumValue(alert.get("severity"), SEVERITIES, Map.of(), "severity");
        if (nativeSeverity == null) {
            nativeSeverity = "UNKNOWN";
        }
        JsonNode typeNode = alert.hasNonNull("findingType") ? alert.get("findingType") : alert.get("type");
        String findingType = enumValue(typeNode, TYPES, TYPE_ALIASES,
                alert.hasNonNull("findingType") ? "findingType" : "type");
        JsonNode source = object(alert, "source");
        JsonNode sources = object(alert, "sources");

        String chainId = chainId(alert, source, sources);
        List<String> addresses = addresses(alert);
        List<String> transactions = transactions(source, sources);
        List<DetectionLabel> labels = labels(alert);
        Instant observedAt = observedAt(alert, source);

        String hash = optionalText(alert, "hash");
        String uniqueKey = optionalText(alert, "uniqueKey");
        String sourceAlertId = hash != null ? limit(hash, 255)
                : uniqueKey != null ? limit(alertId + "/" + uniqueKey, 255) : fallbackId;

        String subject = addresses.stream().map(address -> address.toLowerCase(Locale.ROOT))
                .reduce((first, next) -> !unorderedAddresses || first.compareTo(next) <= 0 ? first : next)
                .orElse("");
        String correlationKey = "forta:" + alertId + ":" + (chainId == null ? "" : chainId) + ":" + subject;
        Detection detection = new Detection(DetectionSource.FORTA, sourceAlertId, limit(name, Limits.NAME),
                description == null ? null : limit(description, Limits.TEXT), nativeSeverity,
                severity(nativeSeverity), category(findingType), chainId, addresses, transactions, labels,
                correlationKey, payloadSha256, null, null, observedAt, receivedAt);
        return new Mapped(detection, limit(name, Limits.TITLE));
    }

    /** CRITICAL, HIGH and MEDIUM as they are; LOW, INFO and UNKNOWN are LOW, the lowest we have. */
    static Severity severity(String fortaSeverity) {
        return switch (fortaSeverity) {
            case "CRITICAL" -> Severity.CRITICAL;
            case "HIGH" -> Severity.HIGH;
            case "MEDIUM" -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }

    /** Exploit, Suspicious and Degraded have a category of ours; Info, Scam, Unknown and none are OTHER. */
    static Category category(String findingType) {
        if (findingType == null) {
            return Category.OTHER;
        }
        return switch (findingType) {
            case "EXPLOIT" -> Category.SMART_CONTRACT_EXPLOIT;
            case "SUSPICIOUS" -> Category.FRAUDULENT_TRANSACTION;
            case "DEGRADED" -> Category.SERVICE_DISRUPTION;
            default -> Category.OTHER;
        };
    }

    /**
     * The chain: the alert's own {@code chainId}, else its block's, else the first chain, block or transaction of the
     * finding's {@code source} or the webhook alert's {@code sources}.
     */
    private static String chainId(JsonNode alert, JsonNode source, JsonNode sources) {
        String chainId = scalar(alert.get("chainId"), "chainId");
        if (chainId == null && source != null) {
            chainId = scalar(object(source, "block") == null ? null : source.get("block").get("chainId"),
                    "source.block.chainId");
        }
        for (String field : List.of("source", "sources")) {
            JsonNode lists = field.equals("source") ? source : sources;
            for (String list : List.of("chains", "blocks", "transactions")) {
                JsonNode items = lists == null ? null : lists.get(list);
                if (chainId == null && items != null && items.isArray() && !items.isEmpty()
                        && items.get(0).isObject()) {
                    chainId = scalar(items.get(0).get("chainId"), field + "." + list + "[0].chainId");
                }
            }
        }
        if (chainId != null && chainId.length() > Limits.CHAIN) {
            throw invalid("field 'chainId' is too long");
        }
        return chainId;
    }

    private static List<String> addresses(JsonNode alert) {
        JsonNode addresses = alert.get("addresses");
        if (addresses == null || addresses.isNull()) {
            return List.of();
        }
        if (!addresses.isArray()) {
            throw invalid("field 'addresses' must be an array of strings");
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode address : addresses) {
            if (!address.isString() || address.stringValue().isBlank() || address.stringValue().length() > Limits.ADDRESS) {
                throw invalid("field 'addresses' must hold non-blank strings of at most " + Limits.ADDRESS + " characters");
            }
            if (result.size() < Limits.ITEMS) {
                result.add(address.stringValue());
            }
        }
        return List.copyOf(result);
    }

    /**
     * The alert's {@code source.transactionHash}, the finding's {@code source.transactions[].hash} and the webhook
     * alert's {@code sources.transactions[].hash}.
     */
    private static List<String> transactions(JsonNode source, JsonNode sources) {
        Set<String> result = new LinkedHashSet<>();
        String transactionHash = source == null ? null
                : scalar(source.get("transactionHash"), "source.transactionHash");
        if (transactionHash != null && !transactionHash.isBlank()) {
            result.add(checkedId(transactionHash, "source.transactionHash"));
        }
        for (String field : List.of("source", "sources")) {
            JsonNode lists = field.equals("source") ? source : sources;
            JsonNode transactions = lists == null ? null : lists.get("transactions");
            if (transactions == null || transactions.isNull()) {
                continue;
            }
            if (!transactions.isArray()) {
                throw invalid("field '" + field + ".transactions' must be an array");
            }
            for (JsonNode transaction : transactions) {
                String hash = transaction.isObject()
                        ? scalar(transaction.get("hash"), field + ".transactions[].hash") : null;
                if (hash == null || hash.isBlank()) {
                    throw invalid("field '" + field + ".transactions[].hash' is required");
                }
                if (result.size() < Limits.ITEMS) {
                    result.add(checkedId(hash, field + ".transactions[].hash"));
                }
            }
        }
        return List.copyOf(result);
    }

    /** Labels as given; a label with {@code remove: true} withdraws a label and is not recorded as one. */
    private static List<DetectionLabel> labels(JsonNode alert) {
        JsonNode labels = alert.get("labels");
        if (labels == null || labels.isNull()) {
            return List.of();
        }
        if (!labels.isArray()) {
            throw invalid("field 'labels' must be an array");
        }
        List<DetectionLabel> result = new ArrayList<>();
        for (JsonNode label : labels) {
            if (!label.isObject()) {
                throw invalid("field 'labels' must hold objects");
            }
            String text = scalar(label.get("label"), "labels[].label");
            if (text == null || text.isBlank()) {
                throw invalid("field 'labels[].label' is required");
            }
            JsonNode remove = label.get("remove");
            if (remove != null && remove.isBoolean() && remove.booleanValue()) {
                continue;
            }
            String entity = scalar(label.get("entity"), "labels[].entity");
            JsonNode confidenceNode = label.get("confidence");
            Double confidence = null;
            if (confidenceNode != null && !confidenceNode.isNull()) {
                if (!confidenceNode.isNumber()) {
                    throw invalid("field 'labels[].confidence' must be a number");
                }
                confidence = confidenceNode.doubleValue();
                if (confidence < 0 || confidence > 1) {
                    throw invalid("field 'labels[].confidence' must be between 0 and 1");
                }
            }
            if (result.size() < Limits.ITEMS) {
                result.add(new DetectionLabel(limit(text, Limits.DETECTION_LABEL),
                        entity == null ? null : limit(entity, Limits.ADDRESS), confidence));
            }
        }
        return List.copyOf(result);
    }

    /** The alert's {@code createdAt}, else the finding's {@code timestamp}, else the block's timestamp. */
    private static Instant observedAt(JsonNode alert, JsonNode source) {
        if (alert.hasNonNull("createdAt")) {
            return instant(alert.get("createdAt"), "createdAt");
        }
        if (alert.hasNonNull("timestamp")) {
            return instant(alert.get("timestamp"), "timestamp");
        }
        JsonNode block = source == null ? null : object(source, "block");
        if (block != null && block.hasNonNull("timestamp")) {
            return instant(block.get("timestamp"), "source.block.timestamp");
        }
        return null;
    }

    /**
     * ISO-8601 / RFC 3339 with an offset; Python's {@code str(datetime)} (a space for the {@code T}; without an offset
     * it is taken as UTC, which is what a bot container's clock runs on); or seconds since the epoch (a block
     * timestamp), as a number, decimal digits, or hex as JSON-RPC gives it ({@code "0x65b0e5d9"}, which a scan node
     * forwards unchanged in {@code source.block.timestamp}).
     */
    static Instant instant(JsonNode value, String field) {
        try {
            if (value.isIntegralNumber()) {
                return Instant.ofEpochSecond(value.longValue());
            }
            if (value.isString()) {
                String text = value.stringValue().trim();
                if (text.matches("\\d{1,12}")) {
                    return Instant.ofEpochSecond(Long.parseLong(text));
                }
                if (HEX_SECONDS.matcher(text).matches()) {
                    return Instant.ofEpochSecond(Long.parseLong(text.substring(2), 16));
                }
                TemporalAccessor parsed = PYTHON_DATETIME.parse(text);
                Instant instant = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? OffsetDateTime.from(parsed).toInstant()
                        : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
                return Instants.micros(instant);
            }
        } catch (DateTimeException | ArithmeticException e) {
            // refused below
        }
        throw invalid("field '" + field + "' is not a timestamp");
    }

    /** An enum given by name or alias (any case) or by the SDK's number; null when absent. */
    private static String enumValue(JsonNode value, List<String> names, Map<String, String> aliases, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            long index = value.longValue();
            if (index >= 0 && index < names.size()) {
                return names.get((int) index);
            }
        } else if (value.isString()) {
            String name = value.stringValue().trim().toUpperCase(Locale.ROOT);
            name = aliases.getOrDefault(name, name);
            if (names.contains(name)) {
                return name;
            }
        }
        List<String> accepted = new ArrayList<>(names);
        accepted.addAll(new TreeSet<>(aliases.keySet()));
        throw invalid("field '" + field + "' must be one of " + String.join(", ", accepted)
                + " or 0-" + (names.size() - 1));
    }

    private static String requiredText(JsonNode node, String field, int max) {
        String value = optionalText(node, field);
        if (value == null || value.isBlank()) {
            throw invalid("field '" + field + "' is required");
        }
        if (value.length() > max) {
            throw invalid("field '" + field + "' is longer than " + max + " characters");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("field '" + field + "' must be a string");
        }
        return value.stringValue().isBlank() ? null : value.stringValue();
    }

    /** A string or number as text; null when absent. */
    private static String scalar(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        throw invalid("field '" + field + "' must be a string or an integer");
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid("field '" + field + "' must be an object");
        }
        return value;
    }

    private static String checkedId(String value, String field) {
        if (value.length() > Limits.ADDRESS) {
            throw invalid("field '" + field + "' is longer than " + Limits.ADDRESS + " characters");
        }
        return value;
    }

    static String limit(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static CommandRefusedException invalid(String message) {
        return CommandRefusedException.invalid("invalid-detection", message);
    }
}
