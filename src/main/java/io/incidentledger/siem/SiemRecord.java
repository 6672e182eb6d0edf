package io.incidentledger.siem;

import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON record of one incident event on the Kafka topic ({@value #FORMAT}; every field in docs/siem.md, section 2).
 * The event's columns carry the names and encodings of the audit bundle's events (docs/ledger-format.md, section 5),
 * so that a SIEM recomputes the entry hash with the same code; what follows them is for reading, not authenticated.
 */
final class SiemRecord {

    static final String FORMAT = "incident-ledger-siem-event/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private SiemRecord() {
    }

    static byte[] json(LedgerEntry entry, String origin) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("format", FORMAT);
        record.put("origin", origin);
        record.put("incidentId", entry.aggregateIdentifier());
        record.put("leafIndex", entry.leafIndex());
        record.put("entryHash", HEX.formatHex(entry.entryHash()));
        record.put("previousHash", HEX.formatHex(entry.previousHash()));
        record.put("eventIdentifier", entry.eventIdentifier());
        record.put("aggregateIdentifier", entry.aggregateIdentifier());
        record.put("aggregateType", entry.aggregateType());
        record.put("sequenceNumber", entry.sequenceNumber());
        record.put("timeStamp", entry.timeStamp());
        record.put("payloadType", entry.payloadType());
        record.put("payloadRevision", entry.payloadRevision());
        record.put("payload", BASE64.encodeToString(entry.payload()));
        record.put("metaData", entry.metaData() == null ? null : BASE64.encodeToString(entry.metaData()));
        record.put("globalIndex", entry.globalIndex());
        record.put("event", entry.eventName());
        record.put("severity", entry.severity() == null ? null : entry.severity().name());
        record.put("actor", entry.actor());
        record.put("actorType", entry.actorType());
        record.put("data", LedgerEntries.parse(entry.payload()));
        return JSON.writeValueAsBytes(record);
    }
}
