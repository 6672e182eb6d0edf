package io.incidentledger.incident.web;

import static io.incidentledger.incident.web.IncidentApiErrorsTest.problem;
import static io.incidentledger.incident.web.IncidentControllerTest.INCIDENT;
import static io.incidentledger.incident.web.IncidentControllerTest.REPORT;
import static io.incidentledger.incident.web.IncidentControllerTest.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.incidentledger.incident.api.IncidentPageView;
import io.incidentledger.incident.api.ListIncidents;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Authentication (401 with a challenge) and the role table of {@code SecurityConfiguration} (403): a refused
 * principal reaches neither gateway, whatever its request body.
 */
@IncidentControllerTest.IncidentApiSlice
class IncidentApiSecurityTest {

    private static final String CHALLENGE = "Basic realm=\"incident-ledger\"";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    // --- 401 ---

    @Test
    void requestWithoutCredentialsIsA401WithABasicChallenge() throws Exception {
        mvc.perform(get("/api/incidents"))
                .andExpect(problem(401, "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", CHALLENGE));

        verifyNoInteractions(queries);
    }

    @Test
    void reportWithoutCredentialsIsA401AndSendsNoCommand() throws Exception {
        mvc.perform(post("/api/incidents").contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(problem(401, "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", CHALLENGE));

        verifyNoInteractions(commands);
    }

    @Test
    void wrongPasswordIsA401WithABasicChallenge() throws Exception {
        mvc.perform(post("/api/incidents").with(httpBasic("responder", "wrong")).contentType(MediaType.APPLICATION_JSON)
                        .content(REPORT))
                .andExpect(problem(401, "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", CHALLENGE));

        verifyNoInteractions(commands);
    }

    @Test
    void unknownUserIsA401WithABasicChallenge() throws Exception {
        mvc.perform(get("/api/incidents").with(httpBasic("mallory", "mallory-pw")))
                .andExpect(problem(401, "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", CHALLENGE));

        verifyNoInteractions(queries);
    }

    // --- 403 ---

    @Test
    void regulatorMayNotReport() throws Exception {
        mvc.perform(post("/api/incidents").with(as("regulator")).contentType(MediaType.APPLICATION_JSON)
                        .content(REPORT))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @Test
    void adminMayNotReport() throws Exception {
        mvc.perform(post("/api/incidents").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @Test
    void detectorMayNotReadAnIncident() throws Exception {
        mvc.perform(get(INCIDENT).with(as("detector"))).andExpect(problem(403, "forbidden"));

        verifyNoInteractions(queries);
    }

    @Test
    void detectorMayNotListIncidents() throws Exception {
        mvc.perform(get("/api/incidents").with(as("detector"))).andExpect(problem(403, "forbidden"));

        verifyNoInteractions(queries);
    }

    @Test
    void forbiddenRequestIsRefusedBeforeItsBodyIsValidated() throws Exception {
        mvc.perform(post("/api/incidents").with(as("regulator")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"\"}"))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "responder may not POST {0}")
    @ValueSource(strings = {"assignments", "de-escalation", "resolution", "review", "closure", "dismissal",
            "reopening"})
    void responderMayNotTakeCommanderOnlyActions(String action) throws Exception {
        mvc.perform(post(INCIDENT + "/" + action).with(as("responder")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "{0} may not acknowledge")
    @ValueSource(strings = {"regulator", "detector", "admin"})
    void onlyRespondersAndCommandersMayAcknowledge(String user) throws Exception {
        mvc.perform(post(INCIDENT + "/acknowledgement").with(as(user))).andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "regulator may not POST {0}")
    @ValueSource(strings = {"acknowledgement", "triage", "assignments", "escalation", "de-escalation", "notes",
            "evidence", "containment-actions", "containment", "eradication", "recovery", "resolution", "review",
            "closure", "dismissal", "reopening"})
    void regulatorMayTakeNoLifecycleAction(String action) throws Exception {
        mvc.perform(post(INCIDENT + "/" + action).with(as("regulator")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(commands);
    }

    @Test
    void aForbiddenActionSaysWhichRolesMayTakeIt() throws Exception {
        mvc.perform(post("/api/incidents").with(as("regulator")).contentType(MediaType.APPLICATION_JSON)
                        .content(REPORT))
                .andExpect(problem(403, "forbidden"))
                .andExpect(jsonPath("$.allowedRoles", contains("RESPONDER", "COMMANDER", "DETECTOR")))
                .andExpect(jsonPath("$.detail")
                        .value("your role may not do this; only RESPONDER, COMMANDER, DETECTOR may"));
    }

    // --- what the API does not have: 404 and 405, after authentication ---

    @Test
    void anApiPathThatDoesNotExistIsA404NotA403() throws Exception {
        mvc.perform(post("/api/other").with(as("admin"))).andExpect(problem(404, "not-found"));
    }

    @ParameterizedTest(name = "{0} is told that GET /api/incidnets does not exist")
    @ValueSource(strings = {"responder", "detector", "regulator"})
    void aMistypedPathIsA404ForEveryRole(String user) throws Exception {
        mvc.perform(get("/api/incidnets").with(as(user))).andExpect(problem(404, "not-found"));
    }

    @Test
    void aMistypedPathWithoutCredentialsIsStillA401() throws Exception {
        mvc.perform(get("/api/incidnets"))
                .andExpect(problem(401, "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", CHALLENGE));
    }

    @Test
    void aMethodTheEndpointDoesNotHaveIsA405NotA403() throws Exception {
        mvc.perform(delete(INCIDENT).with(as("commander")))
                .andExpect(problem(405, "method-not-allowed"))
                .andExpect(header().string("Allow", containsString("GET")));

        verifyNoInteractions(commands, queries);
    }

    @Test
    void aMethodTheEndpointDoesNotHaveWithoutCredentialsIsStillA401() throws Exception {
        mvc.perform(put("/api/incidents")).andExpect(problem(401, "unauthenticated"));
    }

    @Test
    void anExistingActionRemainsForbiddenToARoleTheTableDoesNotGrantIt() throws Exception {
        mvc.perform(post(INCIDENT + "/closure").with(as("responder")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(problem(403, "forbidden"))
                .andExpect(jsonPath("$.allowedRoles", contains("COMMANDER")));

        verifyNoInteractions(commands);
    }

    // --- allowed ---

    @ParameterizedTest(name = "{0} may list incidents")
    @ValueSource(strings = {"responder", "commander", "regulator", "admin"})
    void readingRolesMayListIncidents(String user) throws Exception {
        when(queries.query(any(ListIncidents.class), eq(IncidentPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(new IncidentPageView(List.of(), 0, 20, 0, 0)));

        mvc.perform(get("/api/incidents").with(as(user))).andExpect(status().isOk());
    }

    @Test
    void commanderMayTakeAResponderAction() throws Exception {
        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("commander"))).andExpect(status().isNoContent());
    }
}
