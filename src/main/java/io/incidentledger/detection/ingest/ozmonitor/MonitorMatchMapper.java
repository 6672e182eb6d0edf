package io.incidentledger.detection.ingest.ozmonitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionSource;
import tools.jackson.databind.JsonNode;

/**
 * Maps an OpenZeppelin Monitor {@code MonitorMatch}, as the webhook trigger posts it in {@code payload_mode: "raw"}
 * ({@code {"EVM": {...}}}, {@code {"Stellar": {...}}}, … or the untagged body), to a detection. OZ Monitor has no
 * severity or category: both come from {@link OzMonitorProperties}. Unknown fields are ignored.
 */
public final class MonitorMatchMapper {


    private static final Set<String> CHAINS = Set.of("EVM", "Stellar", "Midnight", "Solana");

    private MonitorMatchMapper() {
    }

    /** A detection and the title of the incident it would open. */
    public record Mapped(Detection detection, String title) {
    }

    public static Mapped map(JsonNode payload, OzMonitorProperties properties, String payloadSha256,
                             Instant sentAt, Instant receivedAt) {
        JsonNode match = unwrap(payload);
        JsonNode monitor = match.get("monitor");
        if (monitor == null || !monitor.isObject()) {
            throw invalid("field 'monitor' is required");
        }
        String monitorName = text(monitor.get("name"), "monitor.name");
        if (monitorName == null || monitorName.isBlank()) {
            throw invalid("field 'monitor.name' is required");
        }
        String network = text(match.get("network_slug"), "network_slug");
        if (network == null || network.isBlank()) {
            throw invalid("field 'network_slug' is required");
        }
        if (network.length() > 64) {
            throw invalid("field 'network_slug' is longer than 64 characters");
        }
        JsonNode transaction = match.get("transaction");
        if (transaction != null && !transaction.isNull() && !transaction.isObject()) {
            throw invalid("field 'transaction' must be an object");
        }
        String transactionHash = transactionHash(transaction);

        // monitored addresses, keyed case-insensitively for hex (0x…) addresses
        Map<String, String> monitored = new LinkedHashMap<>();
        JsonNode addresses = monitor.get("addresses");
        if (addresses != null && !addresses.isNull()) {
            if (!addresses.isArray()) {
                throw invalid("field 'monitor.addresses' must be an array");
            }
            for (JsonNode address : addresses) {
                String value = address.isObject() ? text(address.get("address"), "monitor.addresses[].address")
                        : text(address, "monitor.addresses[]");
                if (value != null && !value.isBlank()) {
                    monitored.putIfAbsent(key(value), checked(value, "monitor.addresses[].address"));
                }
            }
        }
        String matched = matchedAddress(match, transaction, monitored);

        Set<String> all = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String address : concat(matched, monitored.values(), transaction)) {
            if (address != null && !address.isBlank() && seen.add(key(address)) && all.size() < Limits.ITEMS) {
                all.add(checked(address, "address"));
            }
        }
        String subject = matched != null ? matched : all.isEmpty() ? "" : all.iterator().next();

        OzMonitorProperties.MonitorMapping mapping = properties.mappingFor(monitorName);
        String sourceAlertId = transactionHash == null ? null
                : limit(monitorName + ":" + network + ":" + transactionHash, 255);
        String correlationKey = limit("oz-monitor:" + monitorName + ":" + network + ":" + key(subject), 1000);
        Detection detection = new Detection(DetectionSource.OPENZEPPELIN_MONITOR, sourceAlertId,
                limit(monitorName, Limits.NAME), description(match, network, transactionHash), null,
                mapping.severity(), mapping.category(), network, List.copyOf(all),
                transactionHash == null ? List.of() : List.of(transactionHash), List.of(), correlationKey,
                payloadSha256, null, null, sentAt, receivedAt);
        return new Mapped(detection, limit(monitorName, Limits.TITLE));
    }

    /** The match inside the externally tagged chain envelope, or the body itself when it is untagged. */
    private static JsonNode unwrap(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw invalid("the body must be an OpenZeppelin Monitor match object");
        }
        if (payload.size() == 1) {
            String tag = payload.propertyNames().iterator().next();
            if (CHAINS.contains(tag)) {
                JsonNode match = payload.get(tag);
                if (!match.isObject()) {
                    throw invalid("field '" + tag + "' must be an object");
                }
                return match;
            }
        }
        return payload;
    }

    /** EVM {@code hash}; Stellar {@code transaction_hash}; Solana {@code signature}. */
    private static String transactionHash(JsonNode transaction) {
        if (transaction == null || transaction.isNull()) {
            return null;
        }
        for (String field : List.of("hash", "transaction_hash", "txHash", "signature")) {
            String value = text(transaction.get(field), "transaction." + field);
            if (value != null && !value.isBlank()) {
                return checked(value, "transaction." + field);
            }
        }
        return null;
    }

    /**
     * The monitored address that matched, the first of these that is monitored: an EVM match's log emitters, then its
     * transaction's {@code to}; a Stellar match's called contracts (the {@code invoke_contract.contract_address} of the
     * transaction's operations), then the contracts that emitted its events. Else the first monitored address.
     */
    private static String matchedAddress(JsonNode match, JsonNode transaction, Map<String, String> monitored) {
        List<String> candidates = new ArrayList<>();
        JsonNode logs = match.get("logs");
        if (logs != null && logs.isArray()) {
            for (JsonNode log : logs) {
                if (log.isObject() && log.get("address") != null && log.get("address").isString()) {
                    candidates.add(log.get("address").stringValue());
                }
            }
        }
        if (transaction != null && transaction.isObject()) {
            if (transaction.get("to") != null && transaction.get("to").isString()) {
                candidates.add(transaction.get("to").stringValue());
            }
            stellarContracts(transaction, candidates);
        }
        for (String candidate : candidates) {
            String found = monitored.get(key(candidate));
            if (found != null) {
                return found;
            }
        }
        return monitored.isEmpty() ? null : monitored.values().iterator().next();
    }

    /**
     * The contracts a Stellar transaction called, then those that emitted its events, in document order. OZ Monitor
     * serialises the transaction as Stellar RPC's {@code TransactionInfo} with {@code decoded.envelope} and
     * {@code decoded.meta} in stellar-xdr's serde JSON (openzeppelin-monitor src/models/blockchain/stellar/
     * transaction.rs; stellar/rs-stellar-xdr v23 src/curr/generated.rs: snake_case fields, externally tagged unions,
     * {@code ScAddress} and {@code ContractId} as strkeys). An operation calling a contract is
     * {@code {"invoke_host_function": {"host_function": {"invoke_contract": {"contract_address": "C…", …}}}}},
     * whether inside {@code tx}, {@code tx_v0} or a fee bump's {@code inner_tx}; an event is a {@code ContractEvent}
     * with {@code contract_id}. RPC's own JSON form ({@code envelopeJson}, {@code resultMetaJson}) has the same shape.
     */
    private static void stellarContracts(JsonNode transaction, List<String> candidates) {
        JsonNode decoded = transaction.get("decoded");
        List<JsonNode> envelopes = new ArrayList<>();
        List<JsonNode> metas = new ArrayList<>();
        if (decoded != null && decoded.isObject()) {
            envelopes.add(decoded.get("envelope"));
            metas.add(decoded.get("meta"));
        }
        envelopes.add(transaction.get("envelopeJson"));
        metas.add(transaction.get("resultMetaJson"));
        for (JsonNode envelope : envelopes) {
            collect(envelope, "invoke_contract", "contract_address", candidates, 0);
        }
        for (JsonNode meta : metas) {
            collect(meta, null, "contract_id", candidates, 0);
        }
    }

    /**
     * Every string {@code field} of an object found under {@code node} (inside an object named {@code parent}, when
     * given), depth first; the depth is bounded by the JSON parser's nesting limit, and here once more.
     */
    private static void collect(JsonNode node, String parent, String field, List<String> found, int depth) {
        if (node == null || depth > 200 || found.size() >= Limits.ITEMS) {
            return;
        }
        if (node.isObject()) {
            JsonNode holder = parent == null ? node : node.get(parent);
            if (holder != null && holder.isObject() && holder.get(field) != null && holder.get(field).isString()) {
                found.add(holder.get(field).stringValue());
            }
            for (JsonNode child : node) {
                collect(child, parent, field, found, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, parent, field, found, depth + 1);
            }
        }
    }

    private static List<String> concat(String matched, Iterable<String> monitored, JsonNode transaction) {
        List<String> result = new ArrayList<>();
        result.add(matched);
        monitored.forEach(result::add);
        if (transaction != null && transaction.isObject()) {
            for (String field : List.of("from", "to")) {
                JsonNode value = transaction.get(field);
                if (value != null && value.isString()) {
                    result.add(value.stringValue());
                }
            }
        }
        return result;
    }

    /** What matched, from {@code matched_on_args} (or {@code matched_on} when the arguments are absent). */
    private static String description(JsonNode match, String network, String transactionHash) {
        Set<String> signatures = new LinkedHashSet<>();
        for (String source : List.of("matched_on_args", "matched_on")) {
            JsonNode on = match.get(source);
            if (on == null || !on.isObject()) {
                continue;
            }
            for (String kind : List.of("events", "functions", "transactions")) {
                JsonNode items = on.get(kind);
                if (items != null && items.isArray()) {
                    for (JsonNode item : items) {
                        if (item.isObject() && item.get("signature") != null && item.get("signature").isString()) {
                            signatures.add(kind + " " + item.get("signature").stringValue());
                        } else if (kind.equals("transactions") && item.isObject()
                                && item.get("status") != null && item.get("status").isString()) {
                            signatures.add("transaction status " + item.get("status").stringValue());
                        }
                    }
                }
            }
        }
        String description = "OpenZeppelin Monitor match on " + network
                + (transactionHash == null ? "" : " in transaction " + transactionHash)
                + (signatures.isEmpty() ? "" : "; matched " + String.join(", ", signatures));
        return limit(description, Limits.TEXT);
    }

    /** Hex addresses compare and correlate in lower case; others (Stellar, Solana) are case-sensitive. */
    static String key(String address) {
        return address.startsWith("0x") || address.startsWith("0X") ? address.toLowerCase(Locale.ROOT) : address;
    }

    private static String text(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("field '" + field + "' must be a string");
        }
        return value.stringValue();
    }

    private static String checked(String value, String field) {
        if (value.length() > Limits.ADDRESS) {
            throw invalid("field '" + field + "' is longer than " + Limits.ADDRESS + " characters");
        }
        return value;
    }

    private static String limit(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static CommandRefusedException invalid(String message) {
        return CommandRefusedException.invalid("invalid-detection", message);
    }
}
