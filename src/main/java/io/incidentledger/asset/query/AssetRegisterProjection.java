package io.incidentledger.asset.query;

import static io.incidentledger.common.SqlTimes.utc;

import java.time.Instant;
import java.util.List;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.ContractPaused;
import io.incidentledger.asset.api.ContractRegistered;
import io.incidentledger.asset.api.ContractUnpaused;
import io.incidentledger.asset.api.NodeIsolated;
import io.incidentledger.asset.api.NodeRegistered;
import io.incidentledger.asset.api.NodeRestored;
import io.incidentledger.asset.api.SigningKeyRegistered;
import io.incidentledger.asset.api.SigningKeyRevoked;
import io.incidentledger.asset.api.SigningKeyRotated;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.asset.api.WithdrawalChannelRegistered;
import io.incidentledger.asset.api.WithdrawalsFrozen;
import io.incidentledger.asset.api.WithdrawalsReopened;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The asset register: every signing key, node, contract and withdrawal channel with its current state, since when,
 * and the incident step that last changed it, plus one history row per event with who caused it. Built only from the
 * events, their metadata and their timestamps; a reset empties the tables and a replay from the first event rebuilds
 * them exactly.
 */
@Component
@ProcessingGroup(AssetRegisterProjection.PROCESSING_GROUP)
public class AssetRegisterProjection {

    public static final String PROCESSING_GROUP = "asset-register";

    static final List<String> TABLES = List.of("asset_history", "asset_wallet", "asset_register");

    private static final String UNKNOWN_ACTOR = "unknown";

    private final JdbcTemplate jdbc;

    public AssetRegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SigningKeyRegistered event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        String id = event.keyId().toString();
        jdbc.update("""
                        INSERT INTO asset_register (asset_id, asset_type, name, chain, address, purpose, description,
                            state, state_since, registered_at, registered_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, AssetType.SIGNING_KEY.name(), event.keyId().name(), event.chain(), event.address(),
                event.purpose().name(), event.description(), AssetState.ACTIVE.name(), utc(recordedAt),
                utc(recordedAt), actor(actor), sequence);
        history(id, sequence, event, AssetState.ACTIVE, null, null, null, null, actor, recordedAt);
    }

    @EventHandler
    void on(SigningKeyRevoked event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.keyId().toString(), sequence, event, AssetState.REVOKED, event.incidentId(), event.stepId(),
                event.reason(), event.externalReference(), actor, recordedAt);
    }

    @EventHandler
    void on(SigningKeyRotated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        String id = event.keyId().toString();
        jdbc.update("UPDATE asset_register SET state = ?, state_since = ?, successor = ?, version = ? "
                        + "WHERE asset_id = ?",
                AssetState.ROTATED.name(), utc(recordedAt), event.successorId().name(), sequence, id);
        history(id, sequence, event, AssetState.ROTATED, null, null, event.reason(), null, actor, recordedAt);
    }

    @EventHandler
    void on(NodeRegistered event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        String id = event.nodeId().toString();
        jdbc.update("""
                        INSERT INTO asset_register (asset_id, asset_type, name, chain, role, description, state,
                            state_since, registered_at, registered_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, AssetType.NODE.name(), event.nodeId().name(), event.chain(), event.role().name(),
                event.description(), AssetState.ONLINE.name(), utc(recordedAt), utc(recordedAt), actor(actor),
                sequence);
        history(id, sequence, event, AssetState.ONLINE, null, null, null, null, actor, recordedAt);
    }

    @EventHandler
    void on(NodeIsolated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.nodeId().toString(), sequence, event, AssetState.ISOLATED, event.incidentId(),
                event.stepId(), event.reason(), event.externalReference(), actor, recordedAt);
    }

    @EventHandler
    void on(NodeRestored event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.nodeId().toString(), sequence, event, AssetState.ONLINE, event.incidentId(), event.stepId(),
                event.reason(), event.externalReference(), actor, recordedAt);
    }

    @EventHandler
    void on(ContractRegistered event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        String id = event.contractId().toString();
        jdbc.update("""
                        INSERT INTO asset_register (asset_id, asset_type, name, chain, address, contract_name, state,
                            state_since, registered_at, registered_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, AssetType.CONTRACT.name(), event.contractId().address(), event.contractId().chain(),
                event.contractId().address(), event.name(), AssetState.ACTIVE.name(), utc(recordedAt),
                utc(recordedAt), actor(actor), sequence);
        history(id, sequence, event, AssetState.ACTIVE, null, null, null, null, actor, recordedAt);
    }

    @EventHandler
    void on(ContractPaused event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.contractId().toString(), sequence, event, AssetState.PAUSED, event.incidentId(),
                event.stepId(), event.reason(), event.externalReference(), actor, recordedAt);
    }

    @EventHandler
    void on(ContractUnpaused event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.contractId().toString(), sequence, event, AssetState.ACTIVE, event.incidentId(),
                event.stepId(), event.reason(), event.externalReference(), actor, recordedAt);
    }

    @EventHandler
    void on(WithdrawalChannelRegistered event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        String id = event.channelId().toString();
        jdbc.update("""
                        INSERT INTO asset_register (asset_id, asset_type, name, asset, venue, description, state,
                            state_since, registered_at, registered_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, AssetType.WITHDRAWAL_CHANNEL.name(), event.channelId().name(), event.asset(), event.venue(),
                event.description(), AssetState.OPEN.name(), utc(recordedAt), utc(recordedAt), actor(actor),
                sequence);
        List<WalletRef> wallets = event.wallets();
        for (int position = 0; position < wallets.size(); position++) {
            WalletRef wallet = wallets.get(position);
            jdbc.update("INSERT INTO asset_wallet (asset_id, position, chain, address) VALUES (?, ?, ?, ?)",
                    id, position, wallet.chain(), wallet.address());
        }
        history(id, sequence, event, AssetState.OPEN, null, null, null, null, actor, recordedAt);
    }

    @EventHandler
    void on(WithdrawalsFrozen event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.channelId().toString(), sequence, event, AssetState.FROZEN, event.incidentId(),
                event.stepId(), event.reason(), event.externalReference(), actor, recordedAt);
    }

    @EventHandler
    void on(WithdrawalsReopened event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        contained(event.channelId().toString(), sequence, event, AssetState.OPEN, event.incidentId(),
                event.stepId(), event.reason(), event.externalReference(), actor, recordedAt);
    }

    @ResetHandler
    void reset() {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    /** A containment step or its undo: a new state, and the incident and step that caused it. */
    private void contained(String id, long sequence, Object event, AssetState state, IncidentId incidentId,
                           String stepId, String reason, String externalReference, String actor,
                           Instant recordedAt) {
        jdbc.update("UPDATE asset_register SET state = ?, state_since = ?, incident_id = ?, step_id = ?, version = ? "
                        + "WHERE asset_id = ?",
                state.name(), utc(recordedAt), incidentId.value(), stepId, sequence, id);
        history(id, sequence, event, state, incidentId, stepId, reason, externalReference, actor, recordedAt);
    }

    private void history(String id, long sequence, Object event, AssetState state, IncidentId incidentId,
                         String stepId, String reason, String externalReference, String actor, Instant recordedAt) {
        jdbc.update("""
                        INSERT INTO asset_history (asset_id, sequence_number, event_type, state, incident_id, step_id,
                            reason, external_reference, actor, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, sequence, event.getClass().getSimpleName(), state.name(),
                incidentId == null ? null : incidentId.value(), stepId, reason, externalReference, actor(actor),
                utc(recordedAt));
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? UNKNOWN_ACTOR : actor;
    }
}
