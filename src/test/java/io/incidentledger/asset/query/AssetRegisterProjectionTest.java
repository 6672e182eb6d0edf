package io.incidentledger.asset.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.incidentledger.asset.api.AssetDetailView;
import io.incidentledger.asset.api.AssetHistoryEntryView;
import io.incidentledger.asset.api.AssetPageView;
import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.AssetView;
import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.ContractPaused;
import io.incidentledger.asset.api.ContractRegistered;
import io.incidentledger.asset.api.KeyPurpose;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.NodeIsolated;
import io.incidentledger.asset.api.NodeRegistered;
import io.incidentledger.asset.api.NodeRestored;
import io.incidentledger.asset.api.NodeRole;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.SigningKeyRegistered;
import io.incidentledger.asset.api.SigningKeyRevoked;
import io.incidentledger.asset.api.SigningKeyRotated;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.asset.api.WithdrawalChannelRegistered;
import io.incidentledger.asset.api.WithdrawalsFrozen;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The asset register projection on the real migrations (H2): events in through Axon's handler adapter, as the
 * tracking processor delivers them, views out through {@link AssetRegister}.
 */
class AssetRegisterProjectionTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T12:00:00Z");
    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String HOT = "0x28c6c06298d514db089934071355e5743bf21d60";
    private static final String HOT_UPPER = "0x28C6C06298D514DB089934071355E5743BF21D60";
    private static final SigningKeyId KEY = SigningKeyId.of("hot-wallet-1");
    private static final SigningKeyId SUCCESSOR = SigningKeyId.of("hot-wallet-2");
    private static final NodeId NODE = NodeId.of("val-3");
    private static final ContractId CONTRACT = ContractId.of("ethereum", HOT);
    private static final WithdrawalChannelId CHANNEL = WithdrawalChannelId.of("eth-hot-withdrawals");

    private static JdbcTemplate jdbc;

    private AnnotationEventHandlerAdapter projection;
    private AssetRegister register;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<GenericDomainEventMessage<?>> applied = new ArrayList<>();

    @BeforeAll
    static void migrate() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:asset-register-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void setUp() {
        AssetRegisterProjection.TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        projection = new AnnotationEventHandlerAdapter(new AssetRegisterProjection(jdbc));
        register = new AssetRegister(jdbc);
    }

    private void apply(Object id, Object event, Instant at, String actor) throws Exception {
        long sequence = sequences.merge(id.toString(), 1L, Long::sum) - 1;
        GenericDomainEventMessage<?> message = new GenericDomainEventMessage<>("Asset", id.toString(), sequence, event,
                actor == null ? Map.of() : Map.of("actor", actor), UUID.randomUUID().toString(), at);
        applied.add(message);
        projection.handle(message);
    }

    private void apply(Object id, Object event, Instant at) throws Exception {
        apply(id, event, at, "commander");
    }

    private void registerEverything() throws Exception {
        apply(KEY, new SigningKeyRegistered(KEY, KeyPurpose.HOT_WALLET, "ethereum", HOT, "hot wallet 1"), T0);
        apply(SUCCESSOR, new SigningKeyRegistered(SUCCESSOR, KeyPurpose.HOT_WALLET, null, null, null), T0);
        apply(NODE, new NodeRegistered(NODE, NodeRole.VALIDATOR, "ethereum", null), T0);
        apply(CONTRACT, new ContractRegistered(CONTRACT, "Hot wallet contract"), T0);
        apply(CHANNEL, new WithdrawalChannelRegistered(CHANNEL, "ETH", null,
                List.of(new WalletRef("ethereum", HOT), new WalletRef("polygon", HOT)), null), T0);
    }

    private AssetDetailView detail(AssetType type, String name, String chain) {
        return register.detail(type, name, chain).orElseThrow();
    }

    // --- registration ----------------------------------------------------------------------------------------------

    @Test
    void aRegisteredKeyIsFoundByNameWithWhoRegisteredItAndSinceWhen() throws Exception {
        apply(KEY, new SigningKeyRegistered(KEY, KeyPurpose.HOT_WALLET, "ethereum", HOT, "hot wallet 1"), T0, "admin");

        AssetView key = register.find(AssetType.SIGNING_KEY, "hot-wallet-1", null).orElseThrow();

        assertThat(key.type()).isEqualTo(AssetType.SIGNING_KEY);
        assertThat(key.purpose()).isEqualTo(KeyPurpose.HOT_WALLET);
        assertThat(key.chain()).isEqualTo("ethereum");
        assertThat(key.address()).isEqualTo(HOT);
        assertThat(key.description()).isEqualTo("hot wallet 1");
        assertThat(key.state()).isEqualTo(AssetState.ACTIVE);
        assertThat(key.stateSince()).isEqualTo(T0);
        assertThat(key.registeredAt()).isEqualTo(T0);
        assertThat(key.registeredBy()).isEqualTo("admin");
        assertThat(key.incidentId()).isNull();
        assertThat(key.version()).isZero();
    }

    @Test
    void aChannelListsItsWalletsInOrder() throws Exception {
        registerEverything();

        AssetView channel = register.find(AssetType.WITHDRAWAL_CHANNEL, "eth-hot-withdrawals", null).orElseThrow();

        assertThat(channel.asset()).isEqualTo("ETH");
        assertThat(channel.state()).isEqualTo(AssetState.OPEN);
        assertThat(channel.wallets()).containsExactly(new WalletRef("ethereum", HOT), new WalletRef("polygon", HOT));
    }

    @Test
    void aContractIsFoundByChainAndAddressInAnyLetterCase() throws Exception {
        registerEverything();

        AssetView contract = register.find(AssetType.CONTRACT, HOT_UPPER, "Ethereum").orElseThrow();

        assertThat(contract.name()).isEqualTo(HOT);
        assertThat(contract.contractName()).isEqualTo("Hot wallet contract");
        assertThat(register.find(AssetType.CONTRACT, HOT, "polygon")).isEmpty();
    }

    @Test
    void findingAContractWithoutChainIsAMistakeOfTheCaller() {
        assertThatThrownBy(() -> register.find(AssetType.CONTRACT, HOT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownNamesNamesNoAssetCanHaveAndTypesTheRegisterDoesNotHoldFindNothing() throws Exception {
        registerEverything();

        assertThat(register.find(AssetType.SIGNING_KEY, "hot-wallet-9", null)).isEmpty();
        assertThat(register.find(AssetType.SIGNING_KEY, "hot wallet 1", null)).isEmpty();
        assertThat(register.find(AssetType.NODE, "hot-wallet-1", null)).isEmpty();
        assertThat(register.find(AssetType.WALLET, HOT, "ethereum")).isEmpty();
    }

    // --- containment and history -----------------------------------------------------------------------------------

    @Test
    void aRevocationSetsStateSinceAndTheIncidentStepAndIsInTheHistory() throws Exception {
        registerEverything();
        apply(KEY, new SigningKeyRevoked(KEY, INCIDENT, "step-1", "key leaked", "KMS-4711"), T1,
                "containment-saga");

        AssetDetailView detail = detail(AssetType.SIGNING_KEY, "hot-wallet-1", null);

        assertThat(detail.asset().state()).isEqualTo(AssetState.REVOKED);
        assertThat(detail.asset().stateSince()).isEqualTo(T1);
        assertThat(detail.asset().incidentId()).isEqualTo(INCIDENT.value());
        assertThat(detail.asset().stepId()).isEqualTo("step-1");
        assertThat(detail.asset().version()).isEqualTo(1);
        assertThat(detail.history()).containsExactly(
                new AssetHistoryEntryView(0, "SigningKeyRegistered", AssetState.ACTIVE, null, null, null, null,
                        "commander", T0),
                new AssetHistoryEntryView(1, "SigningKeyRevoked", AssetState.REVOKED, INCIDENT.value(), "step-1",
                        "key leaked", "KMS-4711", "containment-saga", T1));
    }

    @Test
    void aRotationNamesTheSuccessor() throws Exception {
        registerEverything();
        apply(KEY, new SigningKeyRotated(KEY, SUCCESSOR, "scheduled"), T1);

        AssetDetailView detail = detail(AssetType.SIGNING_KEY, "hot-wallet-1", null);

        assertThat(detail.asset().state()).isEqualTo(AssetState.ROTATED);
        assertThat(detail.asset().successor()).isEqualTo("hot-wallet-2");
        assertThat(detail.asset().stateSince()).isEqualTo(T1);
        assertThat(detail.history()).last().extracting(AssetHistoryEntryView::eventType, AssetHistoryEntryView::reason)
                .containsExactly("SigningKeyRotated", "scheduled");
    }

    @Test
    void aRestoredNodeIsOnlineAgainAndItsHistoryKeepsTheIsolation() throws Exception {
        registerEverything();
        apply(NODE, new NodeIsolated(NODE, INCIDENT, "isolate", "double signing", null), T1);
        apply(NODE, new NodeRestored(NODE, INCIDENT, "restore", "patched", null), T2);

        AssetDetailView detail = detail(AssetType.NODE, "val-3", null);

        assertThat(detail.asset().state()).isEqualTo(AssetState.ONLINE);
        assertThat(detail.asset().stateSince()).isEqualTo(T2);
        assertThat(detail.asset().stepId()).isEqualTo("restore");
        assertThat(detail.history()).extracting(AssetHistoryEntryView::state)
                .containsExactly(AssetState.ONLINE, AssetState.ISOLATED, AssetState.ONLINE);
    }

    @Test
    void anEventWithoutActorIsAttributedToAnUnknownActor() throws Exception {
        apply(NODE, new NodeRegistered(NODE, NodeRole.RPC, null, null), T0, null);

        assertThat(detail(AssetType.NODE, "val-3", null).history()).singleElement()
                .extracting(AssetHistoryEntryView::actor).isEqualTo("unknown");
    }

    // --- by address ------------------------------------------------------------------------------------------------

    @Test
    void anAddressFindsTheKeyTheContractAndTheChannelsListingIt() throws Exception {
        registerEverything();

        assertThat(register.findByAddress("ethereum", HOT)).containsExactly(
                new AffectedAsset(AssetType.CONTRACT, HOT, "ethereum"),
                new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-1", "ethereum"),
                new AffectedAsset(AssetType.WITHDRAWAL_CHANNEL, "eth-hot-withdrawals", null));
    }

    @Test
    void aHexAddressMatchesInAnyLetterCaseAndTheChainTooIsCaseInsensitive() throws Exception {
        registerEverything();

        assertThat(register.findByAddress("ETHEREUM", HOT_UPPER)).isEqualTo(register.findByAddress("ethereum", HOT))
                .hasSize(3);
    }

    @Test
    void anotherChainFindsOnlyWhatIsOnThatChain() throws Exception {
        registerEverything();

        assertThat(register.findByAddress("polygon", HOT))
                .containsExactly(new AffectedAsset(AssetType.WITHDRAWAL_CHANNEL, "eth-hot-withdrawals", null));
    }

    @Test
    void aKeyRegisteredWithoutChainMatchesItsAddressOnEveryChain() throws Exception {
        SigningKeyId chainless = SigningKeyId.of("api-signer");
        apply(chainless, new SigningKeyRegistered(chainless, KeyPurpose.API, null, HOT, null), T0);

        assertThat(register.findByAddress("arbitrum", HOT))
                .containsExactly(new AffectedAsset(AssetType.SIGNING_KEY, "api-signer", null));
    }

    @Test
    void withoutChainAnAddressMatchesOnEveryChain() throws Exception {
        registerEverything();

        assertThat(register.findByAddress(null, HOT)).hasSize(3);
        assertThat(register.findByAddress(" ", HOT)).hasSize(3);
    }

    @Test
    void aNonHexAddressMatchesOnlyInItsOwnCase() throws Exception {
        ContractId jupiter = ContractId.of("solana", "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4");
        apply(jupiter, new ContractRegistered(jupiter, "Jupiter"), T0);

        assertThat(register.findByAddress("solana", "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4")).hasSize(1);
        assertThat(register.findByAddress("solana", "jup6lkbzbjs1jkkwapdhny74zcz3tluzoi5qnyvtav4")).isEmpty();
    }

    @Test
    void aMalformedAddressOrChainFindsNothing() throws Exception {
        registerEverything();

        assertThat(register.findByAddress("ethereum", "0x28c6 c062")).isEmpty();
        assertThat(register.findByAddress("eth main", HOT)).isEmpty();
        assertThat(register.findByAddress("ethereum", null)).isEmpty();
    }

    @Test
    void assetsInEveryStateAreFoundByAddress() throws Exception {
        registerEverything();
        apply(KEY, new SigningKeyRevoked(KEY, INCIDENT, "step-1", "leaked", null), T1);
        apply(CHANNEL, new WithdrawalsFrozen(CHANNEL, INCIDENT, "step-2", "leaked", null), T1);

        assertThat(register.findByAddress("ethereum", HOT)).hasSize(3);
    }

    // --- list ------------------------------------------------------------------------------------------------------

    @Test
    void theListFiltersByTypeAndState() throws Exception {
        registerEverything();
        apply(CONTRACT, new ContractPaused(CONTRACT, INCIDENT, "pause", "exploit", null), T1);

        assertThat(register.list(AssetType.SIGNING_KEY, null, 0, 20).items()).extracting(AssetView::name)
                .containsExactly("hot-wallet-1", "hot-wallet-2");
        assertThat(register.list(null, AssetState.PAUSED, 0, 20).items()).extracting(AssetView::type)
                .containsExactly(AssetType.CONTRACT);
        assertThat(register.list(AssetType.NODE, AssetState.ISOLATED, 0, 20).totalItems()).isZero();
    }

    @Test
    void theListIsPagedInTypeAndNameOrder() throws Exception {
        registerEverything();

        AssetPageView second = register.list(null, null, 1, 2);

        assertThat(second.totalItems()).isEqualTo(5);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.items()).extracting(AssetView::name).containsExactly("hot-wallet-1", "hot-wallet-2");
        assertThat(register.list(null, null, 0, 2).items()).extracting(AssetView::type)
                .containsExactly(AssetType.CONTRACT, AssetType.NODE);
    }

    // --- reset and replay ------------------------------------------------------------------------------------------

    @Test
    void aResetEmptiesTheRegister() throws Exception {
        registerEverything();

        projection.prepareReset();

        assertThat(register.list(null, null, 0, 20).totalItems()).isZero();
        assertThat(register.findByAddress("ethereum", HOT)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM asset_history", Long.class)).isZero();
    }

    @Test
    void aReplayFromZeroRebuildsTheSameViews() throws Exception {
        registerEverything();
        apply(KEY, new SigningKeyRevoked(KEY, INCIDENT, "step-1", "leaked", "KMS-1"), T1, "containment");
        apply(NODE, new NodeIsolated(NODE, INCIDENT, "step-2", "leaked", null), T1);
        apply(CHANNEL, new WithdrawalsFrozen(CHANNEL, INCIDENT, "step-3", "leaked", null), T2);
        List<AssetDetailView> before = details();
        List<AffectedAsset> byAddressBefore = register.findByAddress("ethereum", HOT);

        projection.prepareReset();
        for (GenericDomainEventMessage<?> event : applied) {
            projection.handle(event);
        }

        assertThat(details()).isEqualTo(before);
        assertThat(register.findByAddress("ethereum", HOT)).isEqualTo(byAddressBefore);
    }

    private List<AssetDetailView> details() {
        return register.list(null, null, 0, 200).items().stream()
                .map(asset -> detail(asset.type(), asset.name(), asset.chain()))
                .toList();
    }
}
