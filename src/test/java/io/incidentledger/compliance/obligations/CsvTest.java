package io.incidentledger.compliance.obligations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 4180 output: the quoting rules and line ends a spreadsheet or a CSV parser relies on. */
class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAreWithCrlfLineEnds() {
        assertThat(Csv.of(List.of("a", "b"), List.of(List.of("x", 1), List.of("y", 2))))
                .isEqualTo("a,b\r\nx,1\r\ny,2\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled() {
        assertThat(Csv.field("Hot wallet, drained")).isEqualTo("\"Hot wallet, drained\"");
        assertThat(Csv.field("the \"admin\" key")).isEqualTo("\"the \"\"admin\"\" key\"");
        assertThat(Csv.field("line one\r\nline two")).isEqualTo("\"line one\r\nline two\"");
    }

    @Test
    void anAbsentValueIsAnEmptyField() {
        assertThat(Csv.of(List.of("a", "b", "c"), List.of(Arrays.asList("x", null, "z")))).endsWith("x,,z\r\n");
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(Csv.field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.field("+1")).isEqualTo("'+1");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}
