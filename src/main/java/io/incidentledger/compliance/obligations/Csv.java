package io.incidentledger.compliance.obligations;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * RFC 4180 text: CRLF line ends, and a field in double quotes when it holds a comma, a double quote, CR or LF, with
 * its quotes doubled. An absent value is an empty field; instants are ISO-8601 in UTC. A field that a spreadsheet
 * would run as a formula (starting with {@code = + - @}, tab or CR) gets a leading {@code '}, so that opening an
 * export cannot execute text an incident reporter typed (OWASP "CSV injection").
 *
 * <p>Written here: a CSV library would do the quoting, which is the easy part, but not the formula guard.
 */
public final class Csv {

    private Csv() {
    }

    /** A header line and one line per row, each line ending in CRLF. */
    public static String of(List<String> header, List<List<?>> rows) {
        StringBuilder text = new StringBuilder();
        line(text, header);
        rows.forEach(row -> line(text, row));
        return text.toString();
    }

    private static void line(StringBuilder text, List<?> fields) {
        text.append(fields.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    static String field(Object value) {
        String text = value == null ? "" : Objects.toString(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\r") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
