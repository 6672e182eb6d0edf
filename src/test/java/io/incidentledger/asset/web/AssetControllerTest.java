package io.incidentledger.asset.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.incidentledger.asset.api.AssetDetailView;
import io.incidentledger.asset.api.AssetHistoryEntryView;
import io.incidentledger.asset.api.AssetPageView;
import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.AssetView;
import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.FindAsset;
import io.incidentledger.asset.api.KeyPurpose;
import io.incidentledger.asset.api.ListAssets;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.NodeRole;
import io.incidentledger.asset.api.RegisterContract;
import io.incidentledger.asset.api.RegisterNode;
import io.incidentledger.asset.api.RegisterSigningKey;
import io.incidentledger.asset.api.RegisterWithdrawalChannel;
import io.incidentledger.asset.api.RotateSigningKey;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.incident.api.AssetType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The asset API's contract on the happy path: each registration answers 201 with the asset's {@code Location} and
 * sends its command, reads send their query, a rotation answers 204. Errors are in {@link AssetApiErrorsTest},
 * authentication and roles in {@link AssetApiSecurityTest}.
 */
@AssetApiSlice
class AssetControllerTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String HOT = "0x28c6c06298d514db089934071355e5743bf21d60";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    static RequestPostProcessor as(String user) {
        return httpBasic(user, user + "-pw");
    }

    static ResultActions postJson(MockMvc mvc, String user, String path, String body) throws Exception {
        return mvc.perform(post(path).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static AssetView keyView() {
        return new AssetView(AssetType.SIGNING_KEY, "hot-wallet-1", "ethereum", HOT, null, KeyPurpose.HOT_WALLET,
                null, null, null, List.of(), "hot wallet 1", AssetState.REVOKED, T0,
                "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "step-1", null, T0, "commander", 1);
    }

    private <T> T sent(Class<T> type) {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isInstanceOf(type);
        return type.cast(sent.getValue());
    }

    // --- registration ----------------------------------------------------------------------------------------------

    @Test
    void registeringASigningKeyAnswers201WithItsLocationAndSendsTheCommand() throws Exception {
        postJson(mvc, "commander", "/api/assets/signing-keys", """
                {"name":"hot-wallet-1","purpose":"HOT_WALLET","chain":"ethereum","address":"%s",
                 "description":"hot wallet 1"}""".formatted(HOT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/assets/signing-keys/hot-wallet-1"))
                .andExpect(jsonPath("$.type").value("SIGNING_KEY"))
                .andExpect(jsonPath("$.name").value("hot-wallet-1"));

        assertThat(sent(RegisterSigningKey.class)).isEqualTo(new RegisterSigningKey(SigningKeyId.of("hot-wallet-1"),
                KeyPurpose.HOT_WALLET, "ethereum", HOT, "hot wallet 1"));
    }

    @Test
    void aNameIsEncodedInTheLocation() throws Exception {
        postJson(mvc, "admin", "/api/assets/signing-keys", """
                {"name":"key?1#2","purpose":"API"}""")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/assets/signing-keys/key%3F1%232"));
    }

    @Test
    void registeringANodeAnswers201WithItsLocation() throws Exception {
        postJson(mvc, "admin", "/api/assets/nodes", """
                {"name":"val-3","role":"VALIDATOR","chain":"ethereum"}""")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/assets/nodes/val-3"));

        assertThat(sent(RegisterNode.class))
                .isEqualTo(new RegisterNode(NodeId.of("val-3"), NodeRole.VALIDATOR, "ethereum", null));
    }

    @Test
    void registeringAContractAnswersItsCanonicalChainAndAddress() throws Exception {
        postJson(mvc, "commander", "/api/assets/contracts", """
                {"chain":"Ethereum","address":"0x28C6C06298D514DB089934071355E5743BF21D60","name":"Hot vault"}""")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/assets/contracts/ethereum/" + HOT))
                .andExpect(jsonPath("$.type").value("CONTRACT"))
                .andExpect(jsonPath("$.name").value(HOT))
                .andExpect(jsonPath("$.chain").value("ethereum"));

        assertThat(sent(RegisterContract.class))
                .isEqualTo(new RegisterContract(ContractId.of("ethereum", HOT), "Hot vault"));
    }

    @Test
    void registeringAWithdrawalChannelSendsItsWallets() throws Exception {
        postJson(mvc, "commander", "/api/assets/withdrawal-channels", """
                {"name":"eth-hot","asset":"ETH","wallets":[{"chain":"ethereum","address":"%s"}]}""".formatted(HOT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/assets/withdrawal-channels/eth-hot"));

        assertThat(sent(RegisterWithdrawalChannel.class)).isEqualTo(new RegisterWithdrawalChannel(
                WithdrawalChannelId.of("eth-hot"), "ETH", null, List.of(new WalletRef("ethereum", HOT)), null));
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    @Test
    void readingAKeyAnswersItsViewAndHistory() throws Exception {
        AssetDetailView detail = new AssetDetailView(keyView(), List.of(
                new AssetHistoryEntryView(0, "SigningKeyRegistered", AssetState.ACTIVE, null, null, null, null,
                        "commander", T0),
                new AssetHistoryEntryView(1, "SigningKeyRevoked", AssetState.REVOKED,
                        "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "step-1", "leaked", "KMS-1", "containment", T0)));
        doReturn(CompletableFuture.completedFuture(Optional.of(detail))).when(queries)
                .query(eq(new FindAsset(AssetType.SIGNING_KEY, "hot-wallet-1", null)), any(ResponseType.class));

        mvc.perform(get("/api/assets/signing-keys/hot-wallet-1").with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.asset.name").value("hot-wallet-1"))
                .andExpect(jsonPath("$.asset.state").value("REVOKED"))
                .andExpect(jsonPath("$.asset.stateSince").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.history[1].eventType").value("SigningKeyRevoked"))
                .andExpect(jsonPath("$.history[1].actor").value("containment"));
    }

    @Test
    void readingAContractAsksByChainAndAddress() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.of(new AssetDetailView(keyView(), List.of()))))
                .when(queries).query(eq(new FindAsset(AssetType.CONTRACT, HOT, "ethereum")), any(ResponseType.class));

        mvc.perform(get("/api/assets/contracts/ethereum/" + HOT).with(as("responder")))
                .andExpect(status().isOk());
    }

    @Test
    void readingANodeAndAChannelAskForTheirType() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.of(new AssetDetailView(keyView(), List.of()))))
                .when(queries).query(any(FindAsset.class), any(ResponseType.class));

        mvc.perform(get("/api/assets/nodes/val-3").with(as("admin"))).andExpect(status().isOk());
        mvc.perform(get("/api/assets/withdrawal-channels/eth-hot").with(as("admin"))).andExpect(status().isOk());

        verify(queries).query(eq(new FindAsset(AssetType.NODE, "val-3", null)), any(ResponseType.class));
        verify(queries).query(eq(new FindAsset(AssetType.WITHDRAWAL_CHANNEL, "eth-hot", null)),
                any(ResponseType.class));
    }

    @Test
    void theListPassesFiltersAndPagingToTheQuery() throws Exception {
        when(queries.query(any(ListAssets.class), eq(AssetPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(new AssetPageView(List.of(keyView()), 1, 5, 6, 2)));

        mvc.perform(get("/api/assets").with(as("commander")).param("type", "SIGNING_KEY").param("state", "REVOKED")
                        .param("page", "1").param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value("hot-wallet-1"))
                .andExpect(jsonPath("$.totalItems").value(6));

        verify(queries).query(new ListAssets(AssetType.SIGNING_KEY, AssetState.REVOKED, 1, 5), AssetPageView.class);
    }

    @Test
    void theListWithoutParametersIsTheFirstPageOfTwentyUnfiltered() throws Exception {
        when(queries.query(any(ListAssets.class), eq(AssetPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(new AssetPageView(List.of(), 0, 20, 0, 0)));

        mvc.perform(get("/api/assets").with(as("responder"))).andExpect(status().isOk());

        verify(queries).query(new ListAssets(null, null, 0, 20), AssetPageView.class);
    }

    // --- rotation --------------------------------------------------------------------------------------------------

    @Test
    void aRotationAnswers204AndSendsRotateSigningKey() throws Exception {
        postJson(mvc, "commander", "/api/assets/signing-keys/hot-wallet-1/rotation",
                "{\"successor\":\"hot-wallet-2\",\"reason\":\"scheduled rotation\"}")
                .andExpect(status().isNoContent());

        assertThat(sent(RotateSigningKey.class)).isEqualTo(new RotateSigningKey(SigningKeyId.of("hot-wallet-1"),
                SigningKeyId.of("hot-wallet-2"), "scheduled rotation"));
    }
}
