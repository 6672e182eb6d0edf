package io.incidentledger.asset.query;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.incidentledger.asset.api.AssetDetailView;
import io.incidentledger.asset.api.AssetHistoryEntryView;
import io.incidentledger.asset.api.AssetIdentifiers;
import io.incidentledger.asset.api.AssetPageView;
import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.AssetView;
import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.FindAsset;
import io.incidentledger.asset.api.FindAssetsByAddress;
import io.incidentledger.asset.api.KeyPurpose;
import io.incidentledger.asset.api.ListAssets;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.NodeRole;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the asset register: one asset by type and name, the assets an on-chain address belongs to (how containment
 * turns a detection's addresses into the assets to act on), and pages of the register. The views follow the events
 * within milliseconds on the same node.
 */
@Component
public class AssetRegister {

    private final JdbcTemplate jdbc;

    public AssetRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One asset. For a {@link AssetType#CONTRACT} the name is its address and the chain is required; for the other
     * types the chain is ignored. Types the register does not hold, and names no asset can have, find nothing.
     *
     * @throws IllegalArgumentException when asked for a contract without a chain
     */
    public Optional<AssetView> find(AssetType type, String name, String chain) {
        return assetId(type, name, chain).flatMap(this::asset);
    }

    /** One asset with its history, oldest event first; the arguments are those of {@link #find}. */
    public Optional<AssetDetailView> detail(AssetType type, String name, String chain) {
        return assetId(type, name, chain).flatMap(id -> asset(id).map(asset -> new AssetDetailView(asset,
                history(id))));
    }

    /**
     * The registered assets an address belongs to, in every state: signing keys controlling it, the contract at it,
     * and withdrawal channels listing it as a wallet; ordered like the list, by type name and name. A {@code 0x}
     * hexadecimal address matches in any letter case. A null or blank chain matches the address on every chain, and a
     * signing key registered without a chain matches on every chain. A withdrawal channel is answered without a
     * chain, since its wallets may be on several.
     */
    public List<AffectedAsset> findByAddress(String chain, String address) {
        if (!AssetIdentifiers.isAddress(address)) {
            return List.of();
        }
        String canonicalAddress = AssetIdentifiers.address(address);
        String canonicalChain = null;
        if (chain != null && !chain.isBlank()) {
            if (!AssetIdentifiers.isChain(chain)) {
                return List.of();
            }
            canonicalChain = AssetIdentifiers.chain(chain);
        }
        List<Object> arguments = new ArrayList<>(List.of(canonicalAddress));
        StringBuilder owners = new StringBuilder("SELECT asset_type, name, chain FROM asset_register "
                + "WHERE address = ? AND asset_type IN ('SIGNING_KEY', 'CONTRACT')");
        if (canonicalChain != null) {
            owners.append(" AND (chain = ? OR (chain IS NULL AND asset_type = 'SIGNING_KEY'))");
            arguments.add(canonicalChain);
        }
        List<AffectedAsset> found = new ArrayList<>(jdbc.query(owners.toString(),
                (row, index) -> new AffectedAsset(AssetType.valueOf(row.getString("asset_type")),
                        row.getString("name"), row.getString("chain")), arguments.toArray()));
        List<Object> walletArguments = new ArrayList<>(List.of(canonicalAddress));
        String walletChain = "";
        if (canonicalChain != null) {
            walletChain = " AND w.chain = ?";
            walletArguments.add(canonicalChain);
        }
        found.addAll(jdbc.query("SELECT DISTINCT r.name FROM asset_wallet w JOIN asset_register r "
                        + "ON r.asset_id = w.asset_id WHERE w.address = ?" + walletChain,
                (row, index) -> new AffectedAsset(AssetType.WITHDRAWAL_CHANNEL, row.getString("name"), null),
                walletArguments.toArray()));
        found.sort(Comparator.comparing((AffectedAsset asset) -> asset.type().name())
                .thenComparing(AffectedAsset::identifier));
        return List.copyOf(found);
    }

    /** A page of the register ordered by type, name and chain; null filters match everything. */
    public AssetPageView list(AssetType type, AssetState state, int page, int size) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (type != null) {
            conditions.add("asset_type = ?");
            arguments.add(type.name());
        }
        if (state != null) {
            conditions.add("state = ?");
            arguments.add(state.name());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM asset_register" + where, Long.class,
                arguments.toArray());
        long totalItems = total == null ? 0 : total;
        List<Object> pageArguments = new ArrayList<>(arguments);
        pageArguments.add(size);
        pageArguments.add((long) page * size);
        List<AssetView> items = jdbc.query("SELECT * FROM asset_register" + where
                        + " ORDER BY asset_type, name, chain LIMIT ? OFFSET ?",
                (row, index) -> asset(row), pageArguments.toArray());
        int totalPages = (int) ((totalItems + size - 1) / size);
        return new AssetPageView(items, page, size, totalItems, totalPages);
    }

    @QueryHandler
    Optional<AssetDetailView> handle(FindAsset query) {
        return detail(query.type(), query.name(), query.chain());
    }

    @QueryHandler
    List<AffectedAsset> handle(FindAssetsByAddress query) {
        return findByAddress(query.chain(), query.address());
    }

    @QueryHandler
    AssetPageView handle(ListAssets query) {
        return list(query.type(), query.state(), query.page(), query.size());
    }

    /** The aggregate identifier the register keys the asset by, or empty when no asset can have this name. */
    private static Optional<String> assetId(AssetType type, String name, String chain) {
        if (type == null) {
            return Optional.empty();
        }
        if (type == AssetType.CONTRACT && (chain == null || chain.isBlank())) {
            throw new IllegalArgumentException("a contract is found by chain and address: the chain is missing");
        }
        try {
            return Optional.ofNullable(switch (type) {
                case SIGNING_KEY -> SigningKeyId.of(name).toString();
                case NODE -> NodeId.of(name).toString();
                case CONTRACT -> ContractId.of(chain, name).toString();
                case WITHDRAWAL_CHANNEL -> WithdrawalChannelId.of(name).toString();
                default -> null;
            });
        } catch (IllegalArgumentException noSuchName) {
            return Optional.empty();
        }
    }

    private Optional<AssetView> asset(String id) {
        return jdbc.query("SELECT * FROM asset_register WHERE asset_id = ?", (row, index) -> asset(row), id)
                .stream().findFirst();
    }

    private AssetView asset(ResultSet row) throws SQLException {
        AssetType type = AssetType.valueOf(row.getString("asset_type"));
        String purpose = row.getString("purpose");
        String role = row.getString("role");
        List<WalletRef> wallets = type == AssetType.WITHDRAWAL_CHANNEL ? wallets(row.getString("asset_id")) : List.of();
        return new AssetView(type, row.getString("name"), row.getString("chain"), row.getString("address"),
                row.getString("contract_name"), purpose == null ? null : KeyPurpose.valueOf(purpose),
                role == null ? null : NodeRole.valueOf(role), row.getString("asset"), row.getString("venue"), wallets,
                row.getString("description"), AssetState.valueOf(row.getString("state")),
                instant(row, "state_since"), row.getString("incident_id"), row.getString("step_id"),
                row.getString("successor"), instant(row, "registered_at"), row.getString("registered_by"),
                row.getLong("version"));
    }

    private List<WalletRef> wallets(String id) {
        return jdbc.query("SELECT chain, address FROM asset_wallet WHERE asset_id = ? ORDER BY position",
                (row, index) -> new WalletRef(row.getString("chain"), row.getString("address")), id);
    }

    private List<AssetHistoryEntryView> history(String id) {
        return jdbc.query("SELECT * FROM asset_history WHERE asset_id = ? ORDER BY sequence_number",
                (row, index) -> new AssetHistoryEntryView(row.getLong("sequence_number"), row.getString("event_type"),
                        AssetState.valueOf(row.getString("state")), row.getString("incident_id"),
                        row.getString("step_id"), row.getString("reason"), row.getString("external_reference"),
                        row.getString("actor"), instant(row, "recorded_at")), id);
    }
}
