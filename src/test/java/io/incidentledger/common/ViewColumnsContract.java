package io.incidentledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.incidentledger.alerting.Channel;
import io.incidentledger.alerting.NotificationKind;
import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.KeyPurpose;
import io.incidentledger.asset.api.NodeRole;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.identity.api.ApiTokenId;
import io.incidentledger.identity.api.TokenRole;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.security.ActorType;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every view holds what the API accepts: in the migrated schema, a character column of a view is either unbounded or
 * a key or indexed value at least as wide as the limit ({@link Limits}, or the longest name of its enum) of what it
 * holds. A new bounded column fails here until it is declared with its limit. Subclasses choose the database.
 */
abstract class ViewColumnsContract {

    /**
     * The event store, the log (with its witnesses' cosignatures and its anchors, written from what the log signs and
     * receives, not from what the API accepts), the chain follower's cursors, the scheduler, dead letters, Flyway,
     * request bookkeeping, the anomaly rule's saved baselines: not views.
     */
    private static final Set<String> NOT_VIEWS = Set.of("domain_event_entry", "snapshot_event_entry", "token_entry",
            "saga_entry", "association_value_entry", "ledger_leaf", "ledger_node", "ledger_checkpoint",
            "ledger_admitter", "ledger_identity", "ledger_cosignature", "ledger_witness", "ledger_witness_conflict",
            "ledger_anchor", "ledger_anchorer", "chain_follower_cursor", "chain_follower_block", "scheduled_tasks",
            "flyway_schema_history", "idempotent_request", "dead_letter_entry", "siem_cursor", "anomaly_baseline");

    private static final int UUID = 36;
    private static final int SHA256_HEX = 64;

    /** Step ids: {@code step-} and 24 hexadecimal digits of a hash ({@code StepIds}). */
    private static final int STEP_ID = "step-".length() + 24;
    /** Review action items: {@code A} and a number. */
    private static final int ACTION_ITEM_ID = 1 + String.valueOf(Integer.MAX_VALUE).length();
    /**
     * Asset ids: the kind and the asset's name ({@code signing-key:hot-1}, {@code withdrawal-channel:…}), or for a
     * contract its chain and address ({@code contract:ethereum:0x…}).
     */
    private static final int ASSET_ID = Math.max("withdrawal-channel:".length() + Limits.ASSET_NAME,
            "contract:".length() + Limits.CHAIN + 1 + Limits.ADDRESS);

    /**
     * The bounded columns of the views and the width each needs; {@code incident_id} columns hold incident ids
     * (UUIDs) everywhere.
     */
    private static final Map<String, Integer> BOUNDED = Map.ofEntries(
            Map.entry("alerting_containment_step.action", longestName(ContainmentStepAction.class)),
            Map.entry("alerting_containment_step.step_id", STEP_ID),
            Map.entry("alerting_containment_step.target_type", longestName(AssetType.class)),
            Map.entry("alerting_incident.category", longestName(Category.class)),
            Map.entry("alerting_incident.severity", longestName(Severity.class)),
            // the id of the key that hashed the secret: 8 bytes in hexadecimal
            Map.entry("api_token.hash_key_id", 16),
            Map.entry("api_token.role", longestName(TokenRole.class)),
            Map.entry("api_token.secret_hash", SHA256_HEX),
            Map.entry("api_token.token_id", ApiTokenId.LENGTH),
            Map.entry("asset_history.asset_id", ASSET_ID),
            Map.entry("asset_history.state", longestName(AssetState.class)),
            Map.entry("asset_register.address", Limits.ADDRESS),
            Map.entry("asset_register.asset_id", ASSET_ID),
            Map.entry("asset_register.asset_type", longestName(AssetType.class)),
            Map.entry("asset_register.chain", Limits.CHAIN),
            // a contract's name in the register is its address
            Map.entry("asset_register.name", Math.max(Limits.ASSET_NAME, Limits.ADDRESS)),
            Map.entry("asset_register.purpose", longestName(KeyPurpose.class)),
            Map.entry("asset_register.role", longestName(NodeRole.class)),
            Map.entry("asset_register.state", longestName(AssetState.class)),
            Map.entry("asset_wallet.address", Limits.ADDRESS),
            Map.entry("asset_wallet.asset_id", ASSET_ID),
            Map.entry("asset_wallet.chain", Limits.CHAIN),
            Map.entry("compliance_access_log.event_id", UUID),
            Map.entry("compliance_access_log.reader", Limits.NAME),
            Map.entry("compliance_access_log.reader_type", longestName(ActorType.class)),
            Map.entry("compliance_access_log.view_name", Stream.of(RecordIncidentRead.AUDIT_TRAIL,
                    RecordIncidentRead.OBLIGATIONS, RecordIncidentRead.REPORT, "incident").mapToInt(String::length).max()
                    .orElseThrow()),
            Map.entry("compliance_hipaa_affected.state", Limits.STATE),
            Map.entry("compliance_incident_metrics.highest_severity", longestName(Severity.class)),
            Map.entry("compliance_incident_metrics.severity", longestName(Severity.class)),
            Map.entry("compliance_obligation.anchor", longestName(Anchor.class)),
            Map.entry("compliance_obligation.regime", longestName(Regime.class)),
            Map.entry("compliance_obligation.stage", longestName(Stage.class)),
            // every regime, comma-separated
            Map.entry("compliance_register.assessed_regimes", Arrays.stream(Regime.values())
                    .mapToInt(regime -> regime.name().length() + 1).sum()),
            Map.entry("compliance_register.category", longestName(Category.class)),
            Map.entry("compliance_register.severity", longestName(Severity.class)),
            Map.entry("compliance_register.status", longestName(IncidentStatus.class)),
            Map.entry("compliance_submission.report_sha256", SHA256_HEX),
            Map.entry("compliance_submission.stage", longestName(Stage.class)),
            Map.entry("containment_step.action", longestName(ContainmentStepAction.class)),
            Map.entry("containment_step.status", longestName(ContainmentStepStatus.class)),
            Map.entry("containment_step.step_id", STEP_ID),
            Map.entry("containment_step.target_type", longestName(AssetType.class)),
            Map.entry("incident_affected_asset.asset_type", longestName(AssetType.class)),
            Map.entry("incident_assignee.assignee", Limits.NAME),
            Map.entry("incident_assignee.role", longestName(AssignmentRole.class)),
            Map.entry("incident_containment_action.action", longestName(ContainmentActionType.class)),
            Map.entry("incident_containment_action.target_type", longestName(AssetType.class)),
            Map.entry("incident_detection.category", longestName(Category.class)),
            Map.entry("incident_detection.payload_sha256", SHA256_HEX),
            Map.entry("incident_detection.severity", longestName(Severity.class)),
            Map.entry("incident_evidence.sha256", SHA256_HEX),
            Map.entry("incident_register.category", longestName(Category.class)),
            Map.entry("incident_register.severity", longestName(Severity.class)),
            Map.entry("incident_register.source", longestName(IncidentSource.class)),
            Map.entry("incident_register.status", longestName(IncidentStatus.class)),
            Map.entry("incident_review_action_item.item_id", ACTION_ITEM_ID),
            Map.entry("incident_review_action_item.status", longestName(ActionItemStatus.class)),
            Map.entry("incident_timeline.actor_type", longestName(ActorType.class)),
            Map.entry("incident_timeline.event_id", UUID),
            Map.entry("notification_outbox.category", longestName(Category.class)),
            Map.entry("notification_outbox.channel", longestName(Channel.class)),
            Map.entry("notification_outbox.claimed_by", UUID),
            Map.entry("notification_outbox.event_identifier", UUID),
            Map.entry("notification_outbox.kind", longestName(NotificationKind.class)),
            Map.entry("notification_outbox.notification_id", UUID),
            Map.entry("notification_outbox.severity", longestName(Severity.class)));

    /** The migrated schema's bounded character columns, {@code table.column} to width. */
    abstract Map<String, Integer> boundedColumns();

    @Test
    void everyBoundedViewColumnIsAtLeastAsWideAsWhatTheApiAccepts() {
        Map<String, Integer> columns = new TreeMap<>(boundedColumns());
        columns.keySet().removeIf(column -> NOT_VIEWS.contains(column.substring(0, column.indexOf('.'))));

        List<String> undeclared = new ArrayList<>();
        List<String> narrow = new ArrayList<>();
        columns.forEach((column, width) -> {
            Integer needed = column.endsWith(".incident_id") ? Integer.valueOf(UUID) : BOUNDED.get(column);
            if (needed == null) {
                undeclared.add(column + " (" + width + ")");
            } else if (width < needed) {
                narrow.add(column + " is " + width + " wide but holds up to " + needed);
            }
        });

        assertThat(undeclared).as("bounded view columns without a declared limit: make them unbounded or declare"
                + " them").isEmpty();
        assertThat(narrow).isEmpty();
        assertThat(columns).as("the schema was read").isNotEmpty();
    }

    static Map<String, Integer> read(JdbcTemplate jdbc, String schema) {
        Map<String, Integer> columns = new TreeMap<>();
        jdbc.query("""
                        SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
                        WHERE LOWER(table_schema) = LOWER(?) AND LOWER(data_type) IN ('character varying', 'character')
                          AND character_maximum_length IS NOT NULL AND character_maximum_length < 1000000000""",
                row -> {
                    columns.put((row.getString(1) + "." + row.getString(2)).toLowerCase(Locale.ROOT),
                            row.getInt(3));
                }, schema);
        return columns;
    }

    private static int longestName(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).mapToInt(constant -> constant.name().length()).max()
                .orElseThrow();
    }
}
