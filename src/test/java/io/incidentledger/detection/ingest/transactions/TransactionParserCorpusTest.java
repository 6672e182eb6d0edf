package io.incidentledger.detection.ingest.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.incidentledger.detection.rules.ChainTransaction;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the transaction parser makes of a corpus of 5,000 generated bodies, valid and broken (fields removed, of the
 * wrong type, out of range, named twice, nested, null; bodies cut short, with trailing text, not objects), read as one
 * record, as a JSON array and as NDJSON: each outcome (the transactions read, or the status, code, index, field and
 * message of the refusal) is compared, in order, with {@code transaction-parser-corpus.txt.gz}, written by the parser
 * that read a JSON tree before it read tokens. Any change in what is accepted or how a refusal reads fails here and
 * names the first body that differs.
 *
 * <p>{@code -Dtransaction-parser-corpus.write=<path>} writes the outcomes of the parser as it is instead (gzip).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TransactionParserCorpusTest {

    private static final String GOLDEN = "transaction-parser-corpus.txt.gz";
    private static final int BODIES = 5_000;
    private static final List<String> VALID = List.of(
            "{\"chain\":\"ethereum\",\"hash\":\"0xabc1\",\"block\":20000000,\"timestamp\":1790000000,"
                    + "\"from\":\"0x5e01\",\"to\":\"0x7a02\",\"asset\":\"ETH\",\"amount\":\"12.5\",\"status\":\"SUCCESS\"}",
            "{\"chain\":\"Polygon\",\"hash\":\"0xdef2\",\"block\":0,\"timestamp\":\"2026-03-01T12:00:00.123456789Z\","
                    + "\"from\":\"0xAA\",\"method\":\"upgradeTo(address)\",\"status\":\"FAILED\"}",
            "{\"status\":\"SUCCESS\",\"from\":\"a\",\"block\":7,\"hash\":\"h\",\"chain\":\"c\",\"to\":null,"
                    + "\"asset\":\"USDC\",\"amount\":\"100000\",\"method\":\" transfer \"}");
    private static final List<String> VALUES = List.of("\"x\"", "\"\"", "\" \"", "1", "-1", "0", "1.5", "1e3",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "true", "false", "null", "[]",
            "[1]", "{}", "{\"a\":1}", "\"2026-03-01T12:00:00Z\"", "\"2026-13-01T12:00:00Z\"", "\"SUCCESS\"",
            "\"success\"", "\"1.5\"", "\"01.50\"", "\".5\"", "\"1.\"", "\"0x" + "a".repeat(130) + "\"",
            "\"a b\"", "\"\\u0000\"", "\"tab\\there\"", "\"\u00e9\"", "31556889864403199", "-31557014167219201");
    private static final List<String> NAMES = List.of("chain", "hash", "block", "timestamp", "from", "to", "asset",
            "amount", "method", "status", "logIndex", "extra", "Chain");

    private final TransactionBatchParser parser = new TransactionBatchParser(mapper(), 5);

    @Test
    void every_body_of_the_corpus_is_read_as_before() throws IOException {
        List<String> outcomes = outcomes();
        String written = System.getProperty("transaction-parser-corpus.write");
        if (written != null) {
            try (OutputStream file = new GZIPOutputStream(Files.newOutputStream(Path.of(written)))) {
                file.write((String.join("\n", outcomes) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        List<String> expected;
        try (InputStream golden = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(golden).as(GOLDEN).isNotNull();
            expected = new String(new GZIPInputStream(golden).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(outcomes).hasSameSizeAs(expected);
        for (int i = 0; i < outcomes.size(); i++) {
            assertThat(outcomes.get(i)).as("outcome %d", i).isEqualTo(expected.get(i));
        }
    }

    private List<String> outcomes() {
        SplittableRandom random = new SplittableRandom(20261207L);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            String body = body(random);
            String other = body(random);
            byte[] one = body.getBytes(StandardCharsets.UTF_8);
            outcomes.add(i + " one " + digest(body) + " " + outcome(parser::parseOne, one));
            byte[] array = ("[" + VALID.get(i % VALID.size()) + "," + body + "," + other + "]")
                    .getBytes(StandardCharsets.UTF_8);
            outcomes.add(i + " array " + outcome(parser::parseJson, array));
            byte[] lines = (VALID.get(i % VALID.size()) + "\n" + body.replace('\n', ' ') + "\n\n" + other
                    .replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
            outcomes.add(i + " ndjson " + outcome(parser::parseNdjson, lines));
        }
        return outcomes;
    }

    /** One line: line breaks in a refusal's message (a field name may hold one) are escaped. */
    private static String outcome(Function<byte[], Object> read, byte[] body) {
        return outcomeText(read, body).replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String outcomeText(Function<byte[], Object> read, byte[] body) {
        try {
            Object result = read.apply(body);
            return "ok " + digest(result instanceof ChainTransaction single ? single.toString()
                    : result.toString());
        } catch (TransactionBatchException refused) {
            return "refused " + refused.status().value() + " " + refused.code() + " " + refused.index() + " "
                    + refused.field() + " " + refused.getMessage();
        } catch (TransactionBatchParser.MalformedBody malformed) {
            return "malformed " + malformed.line() + " " + malformed.getMessage();
        }
    }

    /** A valid transaction, mutated zero to three times. */
    private static String body(SplittableRandom random) {
        String body = VALID.get(random.nextInt(VALID.size()));
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            body = mutate(body, random);
        }
        return body;
    }

    private static String mutate(String body, SplittableRandom random) {
        if (body.length() < 2) {
            return body + "{}";
        }
        String name = NAMES.get(random.nextInt(NAMES.size()));
        String value = VALUES.get(random.nextInt(VALUES.size()));
        switch (random.nextInt(9)) {
            case 0: // a field set (added at the start, or named a second time)
                return "{\"" + name + "\":" + value + "," + body.substring(1);
            case 1: { // a field's value replaced
                int at = body.indexOf("\"" + name + "\":");
                if (at < 0) {
                    return body;
                }
                int start = at + name.length() + 3;
                int end = valueEnd(body, start);
                return body.substring(0, start) + value + body.substring(end);
            }
            case 2: { // a field removed
                int at = body.indexOf("\"" + name + "\":");
                if (at < 0) {
                    return body;
                }
                int end = valueEnd(body, at + name.length() + 3);
                String removed = body.substring(0, at) + body.substring(end);
                return removed.replace(",,", ",").replace("{,", "{").replace(",}", "}");
            }
            case 3: // cut short
                return body.substring(0, random.nextInt(body.length()));
            case 4: // trailing text
                return body + List.of(" ", "x", "{}", "]", " // c", "\n").get(random.nextInt(6));
            case 5: // not an object
                return List.of("[" + body + "]", value, "", "   ", "\"" + body.replace("\"", "'") + "\"")
                        .get(random.nextInt(5));
            case 6: // nested inside a field
                return "{\"" + name + "\":" + body + "," + body.substring(1);
            case 7: // one character changed
                int at = random.nextInt(body.length());
                String characters = "{}[]\",:0a \\";
                return body.substring(0, at) + characters.charAt(random.nextInt(characters.length()))
                        + body.substring(at + 1);
            default:
                return body;
        }
    }

    /** Where the JSON value starting at {@code start} ends (good enough for the corpus's flat values). */
    private static int valueEnd(String body, int start) {
        int depth = 0;
        boolean quoted = false;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return body.length();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mapper that reads tokens as the service's does (StrictJson: a field named twice is refused). */
    private static JsonMapper mapper() {
        return JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }
}
