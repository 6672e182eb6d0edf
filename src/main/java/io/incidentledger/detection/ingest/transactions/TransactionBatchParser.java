package io.incidentledger.detection.ingest.transactions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.incidentledger.common.Instants;
import io.incidentledger.detection.rules.ChainTransaction;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch of transactions from a JSON array or NDJSON (one object a line, blank lines ignored) and validates
 * every field by hand, so that each refusal names the transaction's index and the field (docs/detections.md).
 */
final class TransactionBatchParser {

    static final Set<String> FIELDS = Set.of("chain", "hash", "block", "timestamp", "from", "to", "asset", "amount",
            "method", "status");
    /** Digits on either side of an amount's decimal point, at most. */
    private static final int MAX_DIGITS = 60;
    private static final int MAX_METHOD_LENGTH = 256;

    /** The malformed line of an NDJSON body (1-based), or null for a JSON array. */
    static final class MalformedBody extends RuntimeException {

        private final Integer line;

        MalformedBody(Integer line, Throwable cause) {
            super(line == null ? "the request body is not valid JSON" : "line " + line + " is not valid JSON",
                    cause, false, false);
            this.line = line;
        }

        Integer line() {
            return line;
        }
    }

    private final JsonMapper mapper;
    private final int maxBatchSize;

    TransactionBatchParser(JsonMapper mapper, int maxBatchSize) {
        this.mapper = mapper;
        this.maxBatchSize = maxBatchSize;
    }

    List<ChainTransaction> parseJson(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException malformed) {
            throw new MalformedBody(null, malformed);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedBody(null, null);
        }
        if (!root.isArray()) {
            throw new TransactionBatchException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-batch",
                    "the request body must be a JSON array of transactions", null, null);
        }
        checkSize(root.size());
        List<ChainTransaction> transactions = new ArrayList<>(root.size());
        for (int index = 0; index < root.size(); index++) {
            transactions.add(transaction(root.get(index), index));
        }
        return transactions;
    }

    /** One transaction, a JSON object, validated as the first of a batch. */
    ChainTransaction parseOne(byte[] json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException malformed) {
            throw new MalformedBody(null, malformed);
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedBody(null, null);
        }
        return transaction(node, 0);
    }

    List<ChainTransaction> parseNdjson(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        int count = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                count++;
            }
        }
        checkSize(count);
        List<ChainTransaction> transactions = new ArrayList<>(count);
        for (int number = 0; number < lines.length; number++) {
            if (lines[number].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(lines[number]);
            } catch (JacksonException malformed) {
                throw new MalformedBody(number + 1, malformed);
            }
            transactions.add(transaction(node, transactions.size()));
        }
        return transactions;
    }

    private void checkSize(int size) {
        if (size == 0) {
            throw new TransactionBatchException(HttpStatus.UNPROCESSABLE_CONTENT, "empty-batch",
                    "the batch holds no transactions", null, null);
        }
        if (size > maxBatchSize) {
            throw new TransactionBatchException(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large",
                    "the batch holds " + size + " transactions; at most " + maxBatchSize + " are accepted", null,
                    null);
        }
    }

    static ChainTransaction transaction(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw new TransactionBatchException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-transaction",
                    "transaction " + index + " is not a JSON object", index, null);
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!FIELDS.contains(property.getKey())) {
                throw TransactionBatchException.invalid(index, property.getKey(), "is not a known field");
            }
        }
        String chain = name(node, index, "chain", 64, true).toLowerCase(Locale.ROOT);
        String hash = name(node, index, "hash", 128, true);
        long block = block(node, index);
        Instant timestamp = timestamp(node, index);
        String from = name(node, index, "from", 128, true);
        String to = name(node, index, "to", 128, false);
        String asset = name(node, index, "asset", 64, false);
        BigDecimal amount = amount(node, index);
        if (amount != null && asset == null) {
            throw TransactionBatchException.invalid(index, "asset", "is required with an amount");
        }
        String method = method(node, index);
        ChainTransaction.Status status = status(node, index);
        return new ChainTransaction(chain, hash, block, timestamp, from, to, asset, amount, method, status);
    }

    private static JsonNode value(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String string(JsonNode node, int index, String field, boolean required) {
        JsonNode value = value(node, field);
        if (value == null) {
            if (required) {
                throw TransactionBatchException.invalid(index, field, "is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw TransactionBatchException.invalid(index, field, "must be a string");
        }
        return value.stringValue();
    }

    private static String name(JsonNode node, int index, String field, int maxLength, boolean required) {
        String value = string(node, index, field, required);
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > maxLength || !isName(value)) {
            throw TransactionBatchException.invalid(index, field,
                    "must be 1 to " + maxLength + " letters, digits or . _ : -");
        }
        return value;
    }

    /**
     * Letters, digits and {@code . _ : -} only (ASCII). By hand rather than by a regular expression: every field of
     * every transaction passes here, on the Kafka consumers' hot path.
     */
    static boolean isName(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** 1 to 60 ASCII digits, optionally a point and 1 to 60 more: a non-negative decimal in whole units. */
    static boolean isDecimal(String value) {
        int point = value.indexOf('.');
        int whole = point < 0 ? value.length() : point;
        int fraction = point < 0 ? 0 : value.length() - point - 1;
        if (whole < 1 || whole > MAX_DIGITS || (point >= 0 && (fraction < 1 || fraction > MAX_DIGITS))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i != point && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static long block(JsonNode node, int index) {
        JsonNode value = value(node, "block");
        if (value == null) {
            throw TransactionBatchException.invalid(index, "block", "is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw TransactionBatchException.invalid(index, "block", "must be a non-negative integer");
        }
        return value.longValue();
    }

    private static Instant timestamp(JsonNode node, int index) {
        JsonNode value = value(node, "timestamp");
        if (value == null) {
            return null;
        }
        try {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return Instant.ofEpochSecond(value.longValue());
            }
            if (value.isString()) {
                return Instants.micros(Instant.parse(value.stringValue()));
            }
        } catch (DateTimeException | ArithmeticException invalid) {
            // answered below
        }
        throw TransactionBatchException.invalid(index, "timestamp",
                "must be an ISO-8601 instant (2026-03-01T12:00:00Z) or epoch seconds");
    }

    private static BigDecimal amount(JsonNode node, int index) {
        JsonNode value = value(node, "amount");
        if (value == null) {
            return null;
        }
        if (!value.isString() || !isDecimal(value.stringValue())) {
            throw TransactionBatchException.invalid(index, "amount",
                    "must be a non-negative decimal string in whole units, e.g. \"1500.25\"");
        }
        return new BigDecimal(value.stringValue());
    }

    private static String method(JsonNode node, int index) {
        String value = string(node, index, "method", false);
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_METHOD_LENGTH
                || hasControlCharacter(value)) {
            throw TransactionBatchException.invalid(index, "method",
                    "must be a method name or signature of 1 to " + MAX_METHOD_LENGTH + " characters");
        }
        return value.trim();
    }

    private static ChainTransaction.Status status(JsonNode node, int index) {
        String value = string(node, index, "status", true);
        try {
            return ChainTransaction.Status.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            throw TransactionBatchException.invalid(index, "status", "must be SUCCESS or FAILED");
        }
    }
}
