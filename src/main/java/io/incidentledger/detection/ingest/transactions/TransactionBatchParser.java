package io.incidentledger.detection.ingest.transactions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.incidentledger.common.Instants;
import io.incidentledger.detection.rules.ChainTransaction;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch of transactions from a JSON array or NDJSON (one object a line, blank lines ignored), or one
 * transaction (a Kafka record), and validates every field by hand, so that each refusal names the transaction's index
 * and the field (docs/detections.md). A JSON body, or an NDJSON line, is read token by token and whole before any of
 * its fields is checked, so one that is not valid JSON is refused as such wherever the fault lies.
 */
final class TransactionBatchParser {

    /** The fields in the order they are checked: a transaction with several faults is refused for the first. */
    private static final List<String> FIELD_ORDER = List.of("chain", "hash", "block", "timestamp", "from", "to",
            "asset", "amount", "method", "status");
    /** Digits on either side of an amount's decimal point, at most. */
    private static final int MAX_DIGITS = 60;
    private static final int MAX_METHOD_LENGTH = 256;
    /** A value that is not a JSON object where a transaction should be. */
    private static final Object NOT_AN_OBJECT = new Object();

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
    private final boolean failOnTrailingTokens;

    TransactionBatchParser(JsonMapper mapper, int maxBatchSize) {
        this.mapper = mapper;
        this.maxBatchSize = maxBatchSize;
        this.failOnTrailingTokens = mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    List<ChainTransaction> parseJson(byte[] body) {
        List<Object> items = new ArrayList<>();
        boolean array;
        try (JsonParser tokens = mapper.createParser(body)) {
            JsonToken first = tokens.nextToken();
            if (first == null) {
                throw new MalformedBody(null, null);
            }
            array = first == JsonToken.START_ARRAY;
            if (array) {
                while (tokens.nextToken() != JsonToken.END_ARRAY) {
                    items.add(item(tokens));
                }
            } else {
                tokens.skipChildren();
            }
            endOfInput(tokens);
        } catch (JacksonException malformed) {
            throw new MalformedBody(null, malformed);
        }
        if (!array) {
            throw new TransactionBatchException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-batch",
                    "the request body must be a JSON array of transactions", null, null);
        }
        checkSize(items.size());
        List<ChainTransaction> transactions = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            transactions.add(transaction(items.get(index), index));
        }
        return transactions;
    }

    /** One transaction, a JSON object, validated as the first of a batch. */
    ChainTransaction parseOne(byte[] json) {
        Object item;
        try (JsonParser tokens = mapper.createParser(json)) {
            item = onlyItem(tokens);
        } catch (JacksonException malformed) {
            throw new MalformedBody(null, malformed);
        }
        return transaction(item, 0);
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
            Object item;
            try (JsonParser tokens = mapper.createParser(lines[number])) {
                item = onlyItem(tokens);
            } catch (JacksonException malformed) {
                throw new MalformedBody(number + 1, malformed);
            } catch (MalformedBody malformed) {
                throw new MalformedBody(number + 1, malformed.getCause());
            }
            transactions.add(transaction(item, transactions.size()));
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

    /** The one value of a document, read to the document's end before any of it is checked. */
    private Object onlyItem(JsonParser tokens) {
        if (tokens.nextToken() == null) {
            throw new MalformedBody(null, null);
        }
        Object item = item(tokens);
        endOfInput(tokens);
        return item;
    }

    /** Nothing may follow the document's value, when the mapper says so (it does by default). */
    private void endOfInput(JsonParser tokens) {
        if (failOnTrailingTokens && tokens.nextToken() != null) {
            throw new MalformedBody(null, null);
        }
    }

    /**
     * The value at the current token, read to its end: a transaction's fields, or {@link #NOT_AN_OBJECT}. Read token
     * by token rather than as a tree: every record of the Kafka topic passes here.
     */
    private static Object item(JsonParser tokens) {
        if (tokens.currentToken() != JsonToken.START_OBJECT) {
            tokens.skipChildren();
            return NOT_AN_OBJECT;
        }
        Fields fields = new Fields();
        while (tokens.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = tokens.currentName();
            JsonToken token = tokens.nextToken();
            int field = FIELD_ORDER.indexOf(name);
            if (field < 0) {
                if (fields.unknown == null) {
                    fields.unknown = name;
                }
                tokens.skipChildren();
                continue;
            }
            fields.values[field] = switch (token) {
                case VALUE_STRING -> new Value(token, tokens.getString(), false, 0);
                case VALUE_NUMBER_INT -> tokens.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new Value(token, null, false, 0) : new Value(token, null, true, tokens.getLongValue());
                case VALUE_NULL -> null;
                default -> {
                    tokens.skipChildren();
                    yield new Value(token, null, false, 0);
                }
            };
        }
        return fields;
    }

    /** A transaction object as read: each known field's value (null when absent or null), the first unknown name. */
    private static final class Fields {

        private final Value[] values = new Value[FIELD_ORDER.size()];
        private String unknown;

        Value get(String field) {
            return values[FIELD_ORDER.indexOf(field)];
        }
    }

    /**
     * One field's value: its first token (an object or array is skipped), a string's text, and whether an integer
     * fits a long, and which.
     */
    private record Value(JsonToken token, String text, boolean fitsLong, long longValue) {

        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isLong() {
            return token == JsonToken.VALUE_NUMBER_INT && fitsLong;
        }
    }

    private static ChainTransaction transaction(Object item, int index) {
        if (!(item instanceof Fields node)) {
            throw new TransactionBatchException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-transaction",
                    "transaction " + index + " is not a JSON object", index, null);
        }
        if (node.unknown != null) {
            throw TransactionBatchException.invalid(index, node.unknown, "is not a known field");
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

    private static String string(Fields node, int index, String field, boolean required) {
        Value value = node.get(field);
        if (value == null) {
            if (required) {
                throw TransactionBatchException.invalid(index, field, "is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw TransactionBatchException.invalid(index, field, "must be a string");
        }
        return value.text();
    }

    private static String name(Fields node, int index, String field, int maxLength, boolean required) {
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

    private static long block(Fields node, int index) {
        Value value = node.get("block");
        if (value == null) {
            throw TransactionBatchException.invalid(index, "block", "is required");
        }
        if (!value.isLong() || value.longValue() < 0) {
            throw TransactionBatchException.invalid(index, "block", "must be a non-negative integer");
        }
        return value.longValue();
    }

    private static Instant timestamp(Fields node, int index) {
        Value value = node.get("timestamp");
        if (value == null) {
            return null;
        }
        try {
            if (value.isLong()) {
                return Instant.ofEpochSecond(value.longValue());
            }
            if (value.isString()) {
                return Instants.micros(Instant.parse(value.text()));
            }
        } catch (DateTimeException | ArithmeticException invalid) {
            // answered below
        }
        throw TransactionBatchException.invalid(index, "timestamp",
                "must be an ISO-8601 instant (2026-03-01T12:00:00Z) or epoch seconds");
    }

    private static BigDecimal amount(Fields node, int index) {
        Value value = node.get("amount");
        if (value == null) {
            return null;
        }
        if (!value.isString() || !isDecimal(value.text())) {
            throw TransactionBatchException.invalid(index, "amount",
                    "must be a non-negative decimal string in whole units, e.g. \"1500.25\"");
        }
        return new BigDecimal(value.text());
    }

    private static String method(Fields node, int index) {
        String value = string(node, index, "method", false);
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_METHOD_LENGTH || hasControlCharacter(value)) {
            throw TransactionBatchException.invalid(index, "method",
                    "must be a method name or signature of 1 to " + MAX_METHOD_LENGTH + " characters");
        }
        return value.trim();
    }

    private static ChainTransaction.Status status(Fields node, int index) {
        String value = string(node, index, "status", true);
        try {
            return ChainTransaction.Status.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            throw TransactionBatchException.invalid(index, "status", "must be SUCCESS or FAILED");
        }
    }
}
