package io.incidentledger.siem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Merkle log's leaves in leaf order, each with its event as stored, for one export.
 *
 * <p>It reads the log's and the event store's tables ({@code ledger_leaf}, {@code domain_event_entry}) as
 * docs/ledger-format.md and the migrations define them: a SIEM record must carry the stored bytes, and no query of
 * the ledger's api returns them one leaf at a time.
 *
 * <p>It also follows each incident's severity (reported, triaged, escalated, de-escalated), to give every event of an
 * incident the severity the incident had then. What it remembers is a cache: when the event before is not the last
 * one it saw of that incident (after a restart, or a batch sent again), it reads the last severity from the store.
 */
class LedgerEntries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REMEMBERED_INCIDENTS = 10_000;
    /** The events that set an incident's severity, and the payload field that holds it. */
    private static final Map<String, String> SEVERITY_FIELDS = Map.of("IncidentReported", "severity",
            "IncidentTriaged", "severity", "IncidentEscalated", "to", "IncidentDeescalated", "to");
    private static final List<String> SEVERITY_TYPES = List.of("io.incidentledger.incident.api.IncidentReported",
            "io.incidentledger.incident.api.IncidentTriaged", "io.incidentledger.incident.api.IncidentEscalated",
            "io.incidentledger.incident.api.IncidentDeescalated");

    private final JdbcTemplate jdbc;
    private final Map<String, Known> severities = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > REMEMBERED_INCIDENTS;
        }
    };

    LedgerEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The leaves {@code from}, {@code from + 1}, … in leaf order, at most {@code limit} of them; fewer (or none) when
     * the log is not that long yet. Leaves are admitted in contiguous runs by one admitter at a time, so the list has
     * no holes; it stops before one all the same, should it ever see one.
     */
    synchronized List<LedgerEntry> from(long from, int limit) {
        List<LedgerEntry> entries = new ArrayList<>();
        jdbc.query("""
                        SELECT l.leaf_index, l.entry_hash AS leaf_hash, e.global_index, e.event_identifier,
                               e.aggregate_identifier, e.type, e.sequence_number, e.time_stamp, e.payload_type,
                               e.payload_revision, e.payload, e.meta_data, e.prev_hash
                        FROM ledger_leaf l JOIN domain_event_entry e ON e.global_index = l.global_index
                        WHERE l.leaf_index >= ?
                        ORDER BY l.leaf_index
                        LIMIT ?""",
                row -> {
                    long leafIndex = row.getLong("leaf_index");
                    if (leafIndex != from + entries.size()) {
                        return;
                    }
                    String aggregate = row.getString("aggregate_identifier");
                    String type = row.getString("type");
                    long sequence = row.getLong("sequence_number");
                    String payloadType = row.getString("payload_type");
                    byte[] payload = row.getBytes("payload");
                    byte[] metaData = row.getBytes("meta_data");
                    JsonNode actorFields = parse(metaData);
                    Severity severity = LedgerEntry.INCIDENT.equals(type)
                            ? severity(aggregate, sequence, payloadType, payload) : null;
                    entries.add(new LedgerEntry(leafIndex, row.getLong("global_index"),
                            row.getString("event_identifier"), aggregate, type, sequence,
                            row.getString("time_stamp"), payloadType, row.getString("payload_revision"), payload,
                            metaData, row.getBytes("prev_hash"), row.getBytes("leaf_hash"), severity,
                            text(actorFields, ActorMetadata.ACTOR), text(actorFields, ActorMetadata.ACTOR_TYPE)));
                }, from, limit);
        return entries;
    }

    private Severity severity(String incident, long sequence, String payloadType, byte[] payload) {
        Severity set = severitySetBy(payloadType, payload);
        if (set == null) {
            Known known = severities.get(incident);
            set = known != null && known.sequence() == sequence - 1 ? known.severity() : lastSeverityBefore(incident,
                    sequence);
        }
        severities.put(incident, new Known(sequence, set));
        return set;
    }

    private Severity lastSeverityBefore(String incident, long sequence) {
        return jdbc.query("""
                        SELECT payload_type, payload FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND sequence_number < ? AND payload_type IN (?, ?, ?, ?)
                        ORDER BY sequence_number DESC
                        LIMIT 1""",
                (row, index) -> severitySetBy(row.getString(1), row.getBytes(2)),
                incident, sequence, SEVERITY_TYPES.get(0), SEVERITY_TYPES.get(1), SEVERITY_TYPES.get(2),
                SEVERITY_TYPES.get(3)).stream().findFirst().orElse(null);
    }

    /** The severity the event sets, or null when it sets none. */
    static Severity severitySetBy(String payloadType, byte[] payload) {
        String field = SEVERITY_FIELDS.get(payloadType.substring(payloadType.lastIndexOf('.') + 1));
        if (field == null) {
            return null;
        }
        String value = text(parse(payload), field);
        try {
            return value == null ? null : Severity.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The JSON object in the bytes, or null when they hold none. */
    static JsonNode parse(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String text(JsonNode object, String field) {
        if (object == null) {
            return null;
        }
        JsonNode value = object.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private record Known(long sequence, Severity severity) {
    }
}
