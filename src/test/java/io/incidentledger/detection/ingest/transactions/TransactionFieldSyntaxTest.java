package io.incidentledger.detection.ingest.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The parser checks names and amounts by hand (they are on the Kafka consumers' hot path); the syntax documented in
 * docs/detections.md is the regular expressions below, and the hand-written checks must agree with them on every
 * input: the edge cases, and many strings drawn from an alphabet of the characters that matter.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TransactionFieldSyntaxTest {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,60}(\\.[0-9]{1,60})?");
    private static final String ALPHABET = "09azAZ._:-/ +,e\u00e9\u0660\uff10\t\0";

    @Test
    void names_are_letters_digits_and_dot_underscore_colon_hyphen() {
        assertThat(TransactionBatchParser.isName("ethereum")).isTrue();
        assertThat(TransactionBatchParser.isName("0xAbC_1.2:3-4")).isTrue();
        assertThat(TransactionBatchParser.isName("a b")).isFalse();
        assertThat(TransactionBatchParser.isName("\u00e9")).isFalse();
        assertThat(TransactionBatchParser.isName("\u0661")).as("an Arabic-Indic digit is not an ASCII digit")
                .isFalse();
    }

    @Test
    void amounts_are_1_to_60_digits_with_an_optional_fraction_of_1_to_60() {
        assertThat(TransactionBatchParser.isDecimal("0")).isTrue();
        assertThat(TransactionBatchParser.isDecimal("1500.25")).isTrue();
        assertThat(TransactionBatchParser.isDecimal("9".repeat(60) + "." + "9".repeat(60))).isTrue();
        assertThat(TransactionBatchParser.isDecimal("9".repeat(61))).isFalse();
        assertThat(TransactionBatchParser.isDecimal("1." + "9".repeat(61))).isFalse();
        assertThat(TransactionBatchParser.isDecimal("")).isFalse();
        assertThat(TransactionBatchParser.isDecimal(".5")).isFalse();
        assertThat(TransactionBatchParser.isDecimal("5.")).isFalse();
        assertThat(TransactionBatchParser.isDecimal("1.2.3")).isFalse();
        assertThat(TransactionBatchParser.isDecimal("-1")).isFalse();
        assertThat(TransactionBatchParser.isDecimal("1e5")).isFalse();
        assertThat(TransactionBatchParser.isDecimal("\uff11")).as("a full-width digit").isFalse();
    }

    @Test
    void the_hand_written_checks_agree_with_the_documented_expressions() {
        SplittableRandom random = new SplittableRandom(20261207L);
        for (int i = 0; i < 200_000; i++) {
            String candidate = randomString(random, random.nextInt(0, 8));
            assertThat(TransactionBatchParser.isName(candidate)).as("name %s", candidate)
                    .isEqualTo(candidate.isEmpty() || NAME.matcher(candidate).matches());
            String digits = randomDecimalLike(random);
            assertThat(TransactionBatchParser.isDecimal(digits)).as("decimal %s", digits)
                    .isEqualTo(DECIMAL.matcher(digits).matches());
        }
    }

    private static String randomString(SplittableRandom random, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }

    /** Mostly digits with points here and there, around the 60-digit limits, and now and then another character. */
    private static String randomDecimalLike(SplittableRandom random) {
        int length = random.nextInt(0, 4) == 0 ? random.nextInt(55, 125) : random.nextInt(0, 6);
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int dice = random.nextInt(40);
            value.append(dice == 0 ? '.' : dice == 1 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                    : (char) ('0' + random.nextInt(10)));
        }
        if (length > 60 && random.nextBoolean()) {
            value.setCharAt(random.nextInt(1, length - 1), '.');
        }
        return value.toString();
    }
}
