package io.incidentledger.asset.web;

import static io.incidentledger.asset.web.AssetControllerTest.as;
import static io.incidentledger.asset.web.AssetControllerTest.postJson;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.incidentledger.asset.api.FindAsset;
import io.incidentledger.common.CommandRefusedException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * Every error status of the asset API except 401/403 (see {@link AssetApiSecurityTest}): each answers an
 * {@code application/problem+json} document with a stable {@code code}, and a refused request sends no command.
 */
@AssetApiSlice
class AssetApiErrorsTest {

    private static final String KEY = """
            {"name":"hot-wallet-1","purpose":"HOT_WALLET"}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    static ResultMatcher problem(int status, String code) {
        return result -> {
            status().is(status).match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.code").value(code).match(result);
            jsonPath("$.type").value("urn:incident-ledger:problem:" + code).match(result);
        };
    }

    private ResultActions register(String collection, String body) throws Exception {
        return postJson(mvc, "commander", "/api/assets/" + collection, body);
    }

    // --- 400 ---

    @Test
    void malformedJsonIsA400AndSendsNoCommand() throws Exception {
        register("signing-keys", "{\"name\":\"hot-wallet-1\",").andExpect(problem(400, "malformed-request"));

        verifyNoInteractions(commands);
    }

    @Test
    void aRegistrationWithoutBodyIsA400() throws Exception {
        mvc.perform(post("/api/assets/nodes").with(as("commander")).contentType(MediaType.APPLICATION_JSON))
                .andExpect(problem(400, "malformed-request"));

        verifyNoInteractions(commands);
    }

    // --- 404 ---

    @Test
    void anUnknownKeyIsA404AssetNotFound() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.empty())).when(queries)
                .query(any(FindAsset.class), any(ResponseType.class));

        mvc.perform(get("/api/assets/signing-keys/hot-wallet-9").with(as("responder")))
                .andExpect(problem(404, "asset-not-found"))
                .andExpect(jsonPath("$.detail").value("no signing key hot-wallet-9"));
    }

    @Test
    void anUnknownContractIsA404AssetNotFound() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.empty())).when(queries)
                .query(any(FindAsset.class), any(ResponseType.class));

        mvc.perform(get("/api/assets/contracts/ethereum/0xabc").with(as("responder")))
                .andExpect(problem(404, "asset-not-found"));
    }

    @Test
    void rotatingAnUnknownKeyIsA404() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateNotFoundException("signing-key:ghost", "none"));

        postJson(mvc, "commander", "/api/assets/signing-keys/ghost/rotation",
                "{\"successor\":\"hot-wallet-2\",\"reason\":\"rotation\"}")
                .andExpect(problem(404, "asset-not-found"))
                .andExpect(jsonPath("$.detail").value("no signing key ghost"));
    }

    @Test
    void rotatingAKeyWhoseNameNoKeyCanHaveIsA404WithoutACommand() throws Exception {
        postJson(mvc, "commander", "/api/assets/signing-keys/" + "k".repeat(101) + "/rotation",
                "{\"successor\":\"hot-wallet-2\",\"reason\":\"rotation\"}")
                .andExpect(problem(404, "asset-not-found"));

        verifyNoInteractions(commands);
    }

    // --- 409 ---

    @Test
    void registeringANameTwiceIsA409() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("already there"));

        register("signing-keys", KEY)
                .andExpect(problem(409, "asset-already-registered"))
                .andExpect(jsonPath("$.detail").value("signing key hot-wallet-1 is already registered"));
    }

    @Test
    void registeringAContractTwiceIsA409() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("already there"));

        register("contracts", "{\"chain\":\"ethereum\",\"address\":\"0xABC\",\"name\":\"Vault\"}")
                .andExpect(problem(409, "asset-already-registered"))
                .andExpect(jsonPath("$.detail").value("contract 0xabc on ethereum is already registered"));
    }

    @Test
    void aRotationTheKeyRefusesIsA409WithItsCode() throws Exception {
        when(commands.sendAndWait(any()))
                .thenThrow(CommandRefusedException.conflict("key-not-active", "signing key hot-wallet-1 is REVOKED"));

        postJson(mvc, "commander", "/api/assets/signing-keys/hot-wallet-1/rotation",
                "{\"successor\":\"hot-wallet-2\",\"reason\":\"rotation\"}")
                .andExpect(problem(409, "key-not-active"));
    }

    // --- 422 ---

    @Test
    void aNameWithSpacesIsA422NamingTheField() throws Exception {
        register("signing-keys", "{\"name\":\"hot wallet\",\"purpose\":\"HOT_WALLET\"}")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));

        verifyNoInteractions(commands);
    }

    @Test
    void aNameOfMoreThanAHundredCharactersIsA422() throws Exception {
        register("nodes", "{\"name\":\"%s\",\"role\":\"RPC\"}".formatted("n".repeat(101)))
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));

        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownPurposeIsA422InvalidValue() throws Exception {
        register("signing-keys", "{\"name\":\"hot-wallet-1\",\"purpose\":\"TOASTER\"}")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("purpose"));

        verifyNoInteractions(commands);
    }

    @Test
    void aMissingRoleIsA422() throws Exception {
        register("nodes", "{\"name\":\"val-3\"}")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("role"));

        verifyNoInteractions(commands);
    }

    @Test
    void keyMaterialSentByMistakeIsRefusedAndNeverReachesACommand() throws Exception {
        register("signing-keys", """
                {"name":"hot-wallet-1","purpose":"HOT_WALLET","privateKey":"%s"}""".formatted("ab".repeat(32)))
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("privateKey"));

        verifyNoInteractions(commands);
    }

    @Test
    void aContractAddressWithColonsIsA422() throws Exception {
        register("contracts", "{\"chain\":\"ethereum\",\"address\":\"0xab:cd\",\"name\":\"Vault\"}")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("address"));

        verifyNoInteractions(commands);
    }

    @Test
    void aContractWithoutChainIsA422() throws Exception {
        register("contracts", "{\"address\":\"0xabcd\",\"name\":\"Vault\"}")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("chain"));

        verifyNoInteractions(commands);
    }

    @Test
    void aBadWalletAddressIsA422NamingTheNestedField() throws Exception {
        register("withdrawal-channels", """
                {"name":"eth-hot","asset":"ETH","wallets":[{"chain":"ethereum","address":"0x12 34"}]}""")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("wallets[0].address"));

        verifyNoInteractions(commands);
    }

    @Test
    void aChannelTheCommandRefusesIsA422WithItsCode() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(CommandRefusedException.invalid("asset-or-venue-required",
                "a withdrawal channel names its asset, its venue, or both"));

        register("withdrawal-channels", "{\"name\":\"eth-hot\"}")
                .andExpect(problem(422, "asset-or-venue-required"));
    }

    @Test
    void aRotationWithoutReasonIsA422() throws Exception {
        postJson(mvc, "commander", "/api/assets/signing-keys/hot-wallet-1/rotation", "{\"successor\":\"hot-wallet-2\"}")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("reason"));

        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownStateFilterIsA422InvalidParameter() throws Exception {
        mvc.perform(get("/api/assets").with(as("responder")).param("state", "MELTED"))
                .andExpect(problem(422, "invalid-parameter"));

        verifyNoInteractions(queries);
    }

    @Test
    void aPageSizeOverTwoHundredIsA422() throws Exception {
        mvc.perform(get("/api/assets").with(as("responder")).param("size", "201"))
                .andExpect(problem(422, "validation-failed"));

        verifyNoInteractions(queries);
    }
}
