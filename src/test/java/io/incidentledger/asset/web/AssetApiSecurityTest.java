package io.incidentledger.asset.web;

import static io.incidentledger.asset.web.AssetApiErrorsTest.problem;
import static io.incidentledger.asset.web.AssetControllerTest.as;
import static io.incidentledger.asset.web.AssetControllerTest.postJson;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.incidentledger.asset.api.AssetDetailView;
import io.incidentledger.asset.api.AssetPageView;
import io.incidentledger.asset.api.FindAsset;
import io.incidentledger.asset.api.ListAssets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Authentication (401 with a challenge) and the asset rules of {@code SecurityConfiguration} (403): ADMIN and
 * COMMANDER register, only COMMANDER rotates, the reading roles read; a refused principal reaches neither gateway.
 */
@AssetApiSlice
class AssetApiSecurityTest {

    private static final String CHALLENGE = "Basic realm=\"incident-ledger\"";
    private static final String KEY = "{\"name\":\"hot-wallet-1\",\"purpose\":\"HOT_WALLET\"}";
    private static final String ROTATION = "{\"successor\":\"hot-wallet-2\",\"reason\":\"rotation\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    // --- 401 ---

    @Test
    void readingWithoutCredentialsIsA401WithABasicChallenge() throws Exception {
        mvc.perform(get("/api/assets"))
                .andExpect(problem(401, "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", CHALLENGE));

        verifyNoInteractions(queries);
    }

    @Test
    void registeringWithoutCredentialsIsA401AndSendsNoCommand() throws Exception {
        mvc.perform(post("/api/assets/signing-keys").contentType(MediaType.APPLICATION_JSON).content(KEY))
                .andExpect(problem(401, "unauthenticated"));

        verifyNoInteractions(commands);
    }

    // --- 403 ---

    @ParameterizedTest(name = "{0} may not register {1}")
    @CsvSource({"regulator,signing-keys", "regulator,nodes", "regulator,contracts", "regulator,withdrawal-channels",
            "responder,signing-keys", "responder,contracts", "detector,nodes", "detector,withdrawal-channels"})
    void onlyAdminsAndCommandersMayRegister(String user, String collection) throws Exception {
        postJson(mvc, user, "/api/assets/" + collection, "{}").andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "{0} may not rotate a key")
    @ValueSource(strings = {"responder", "admin", "regulator", "detector"})
    void onlyCommandersMayRotate(String user) throws Exception {
        postJson(mvc, user, "/api/assets/signing-keys/hot-wallet-1/rotation", ROTATION)
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @Test
    void aDetectorMayNotReadAssets() throws Exception {
        mvc.perform(get("/api/assets").with(as("detector"))).andExpect(problem(403, "forbidden"));
        mvc.perform(get("/api/assets/signing-keys/hot-wallet-1").with(as("detector")))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(queries);
    }

    @ParameterizedTest(name = "there is no POST {0}: containment happens through incidents")
    @ValueSource(strings = {"signing-keys/hot-wallet-1/revocation", "nodes/val-3/isolation",
            "contracts/ethereum/0xabc/pause", "withdrawal-channels/eth-hot/freeze"})
    void thereAreNoContainmentEndpoints(String path) throws Exception {
        postJson(mvc, "commander", "/api/assets/" + path, "{}").andExpect(problem(404, "not-found"));

        verifyNoInteractions(commands);
    }

    @Test
    void anAssetCannotBeDeletedEvenByAnAdmin() throws Exception {
        mvc.perform(delete("/api/assets/signing-keys/hot-wallet-1").with(as("admin")))
                .andExpect(problem(405, "method-not-allowed"));

        verifyNoInteractions(commands);
    }

    // --- allowed ---

    @ParameterizedTest(name = "{0} may register")
    @ValueSource(strings = {"admin", "commander"})
    void adminsAndCommandersMayRegister(String user) throws Exception {
        postJson(mvc, user, "/api/assets/signing-keys", KEY).andExpect(status().isCreated());
    }

    @ParameterizedTest(name = "{0} may read")
    @ValueSource(strings = {"responder", "commander", "regulator", "admin"})
    void readingRolesMayListAndReadAssets(String user) throws Exception {
        when(queries.query(any(ListAssets.class), eq(AssetPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(new AssetPageView(List.of(), 0, 20, 0, 0)));
        doReturn(CompletableFuture.completedFuture(Optional.of(
                new AssetDetailView(AssetControllerTest.keyView(), List.of()))))
                .when(queries).query(any(FindAsset.class), any(ResponseType.class));

        mvc.perform(get("/api/assets").with(as(user))).andExpect(status().isOk());
        mvc.perform(get("/api/assets/signing-keys/hot-wallet-1").with(as(user))).andExpect(status().isOk());
    }

    @Test
    void aCommanderMayRotate() throws Exception {
        postJson(mvc, "commander", "/api/assets/signing-keys/hot-wallet-1/rotation", ROTATION)
                .andExpect(status().isNoContent());
    }
}
