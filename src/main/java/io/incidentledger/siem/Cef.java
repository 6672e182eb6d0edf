package io.incidentledger.siem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.incidentledger.incident.api.Severity;

/**
 * An incident event as an ArcSight Common Event Format message (CEF version 0; every field in docs/siem.md, section 3):
 * {@code CEF:0|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension}.
 *
 * <p>Escaping is the CEF specification's: in the header a backslash and a pipe are escaped with a backslash; in the
 * extension a backslash and an equal sign are, and a line feed and a carriage return become {@code \n} and {@code \r}
 * (a pipe is not escaped there). The header has no line breaks: they are replaced by spaces.
 */
final class Cef {

    private static final HexFormat HEX = HexFormat.of();
    /** The CEF dictionary's length of {@code msg}, in characters. */
    static final int MSG_LIMIT = 1023;

    private Cef() {
    }

    static String message(LedgerEntry entry, SiemProperties.Cef device, String origin) {
        String header = String.join("|", "CEF:0", header(device.deviceVendor()), header(device.deviceProduct()),
                header(device.deviceVersion()), header(entry.eventName()), header(name(entry.eventName())),
                Integer.toString(severity(entry.severity())));
        StringBuilder extension = new StringBuilder();
        extension(entry, origin).forEach((key, value) -> {
            if (value != null) {
                if (!extension.isEmpty()) {
                    extension.append(' ');
                }
                extension.append(key).append('=').append(extensionValue(value));
            }
        });
        return header + "|" + extension;
    }

    /** The extension's keys in order; a null value leaves its key out. */
    static Map<String, String> extension(LedgerEntry entry, String origin) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("rt", receiptTime(entry.timeStamp()));
        fields.put("externalId", entry.eventIdentifier());
        fields.put("suser", entry.actor());
        fields.put("cs1Label", "incidentId");
        fields.put("cs1", entry.aggregateIdentifier());
        fields.put("cs2Label", "entryHash");
        fields.put("cs2", HEX.formatHex(entry.entryHash()));
        fields.put("cs3Label", "previousHash");
        fields.put("cs3", HEX.formatHex(entry.previousHash()));
        fields.put("cs4Label", "payloadType");
        fields.put("cs4", entry.payloadType());
        fields.put("cs5Label", "actorType");
        fields.put("cs5", entry.actorType());
        fields.put("cs6Label", "timeStamp");
        fields.put("cs6", entry.timeStamp());
        fields.put("cn1Label", "leafIndex");
        fields.put("cn1", Long.toString(entry.leafIndex()));
        fields.put("cn2Label", "sequenceNumber");
        fields.put("cn2", Long.toString(entry.sequenceNumber()));
        fields.put("flexString1Label", "incidentSeverity");
        fields.put("flexString1", entry.severity() == null ? null : entry.severity().name());
        fields.put("flexString2Label", "ledgerOrigin");
        fields.put("flexString2", origin);
        fields.put("msg", clip(new String(entry.payload(), StandardCharsets.UTF_8), MSG_LIMIT));
        return fields;
    }

    /** CEF severity 0 to 10 from the incident's severity: LOW 3, MEDIUM 5, HIGH 8, CRITICAL 10; unknown 0. */
    static int severity(Severity severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case LOW -> 3;
            case MEDIUM -> 5;
            case HIGH -> 8;
            case CRITICAL -> 10;
        };
    }

    /** {@code IncidentReported} as {@code Incident reported}. */
    static String name(String eventName) {
        StringBuilder name = new StringBuilder(eventName.length() + 4);
        for (int i = 0; i < eventName.length(); i++) {
            char c = eventName.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                name.append(' ').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    static String header(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '|' -> escaped.append("\\|");
                case '\r', '\n' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String extensionValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '=' -> escaped.append("\\=");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** At most {@code limit} characters, never splitting a surrogate pair; a clipped text ends with an ellipsis. */
    static String clip(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    /** The event's recording time in milliseconds since the epoch, CEF's {@code rt}; null if the text is no instant. */
    private static String receiptTime(String storedTimeStamp) {
        try {
            return Long.toString(Instant.parse(storedTimeStamp).toEpochMilli());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
