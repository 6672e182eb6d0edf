package io.incidentledger.siem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RFC 5424 syslog messages, framed for TCP by octet counting (RFC 6587 section 3.4.1, the framing RFC 5425 requires
 * over TLS): {@code MSG-LEN SP SYSLOG-MSG}, where {@code SYSLOG-MSG} is
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}.
 */
final class Syslog {

    static final String APP_NAME = "incident-ledger";
    private static final String NIL = "-";
    private static final int MSGID_LIMIT = 32;

    private Syslog() {
    }

    /** The framed message: the octet count of the syslog message, a space, and the message's UTF-8 bytes. */
    static byte[] frame(int facility, int severity, String timeStamp, String hostname, String messageId,
                        String message) {
        byte[] syslogMessage = message(facility, severity, timeStamp, hostname, messageId, message)
                .getBytes(StandardCharsets.UTF_8);
        byte[] length = (syslogMessage.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[length.length + syslogMessage.length];
        System.arraycopy(length, 0, framed, 0, length.length);
        System.arraycopy(syslogMessage, 0, framed, length.length, syslogMessage.length);
        return framed;
    }

    /**
     * The syslog message. The MSG is sent as {@code MSG-ANY}, UTF-8 without a byte order mark, as SIEM collectors
     * expect CEF to start with {@code CEF:}; there is no structured data.
     */
    static String message(int facility, int severity, String timeStamp, String hostname, String messageId,
                          String message) {
        return "<" + (facility * 8 + severity) + ">1 " + timestamp(timeStamp) + " " + field(hostname, 255) + " "
                + APP_NAME + " " + NIL + " " + field(messageId, MSGID_LIMIT) + " " + NIL + " " + message;
    }

    /** Syslog severity from CEF severity: 10 critical (2), 8 error (3), 5 warning (4), 3 notice (5), else informational (6). */
    static int severity(int cefSeverity) {
        if (cefSeverity >= 9) {
            return 2;
        }
        if (cefSeverity >= 7) {
            return 3;
        }
        if (cefSeverity >= 4) {
            return 4;
        }
        return cefSeverity >= 1 ? 5 : 6;
    }

    /**
     * The event's recording time as RFC 5424 TIMESTAMP (RFC 3339, UTC, at most 6 fraction digits); NILVALUE if the stored
     * text is no instant.
     */
    private static String timestamp(String storedTimeStamp) {
        try {
            return Instant.parse(storedTimeStamp).truncatedTo(ChronoUnit.MICROS).toString();
        } catch (DateTimeParseException unreadable) {
            return NIL;
        }
    }

    /** A header field: printable US-ASCII without spaces, at most {@code limit} characters; NILVALUE when empty. */
    private static String field(String value, int limit) {
        if (value == null) {
            return NIL;
        }
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < value.length() && printable.length() < limit; i++) {
            char c = value.charAt(i);
            if (c >= 33 && c <= 126) {
                printable.append(c);
            }
        }
        return printable.isEmpty() ? NIL : printable.toString();
    }
}
