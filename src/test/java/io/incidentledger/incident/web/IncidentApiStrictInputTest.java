package io.incidentledger.incident.web;

import static io.incidentledger.incident.web.IncidentApiErrorsTest.problem;
import static io.incidentledger.incident.web.IncidentControllerTest.INCIDENT;
import static io.incidentledger.incident.web.IncidentControllerTest.REPORT;
import static io.incidentledger.incident.web.IncidentControllerTest.as;
import static org.hamcrest.Matchers.contains;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.nio.charset.StandardCharsets;

import io.incidentledger.incident.web.IncidentApiErrorsTest.PostWithoutContentLength;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Input is taken exactly as docs/api.md describes it, and anything else is refused before a command is sent: no
 * coercion of JSON types, times only in their ISO-8601 form, no duplicate or unknown fields, no body where an
 * endpoint takes none, no query parameter the endpoint does not declare; and every refusal names what was wrong.
 */
@IncidentControllerTest.IncidentApiSlice
class IncidentApiStrictInputTest {

    private static final String ACTION_ITEMS = INCIDENT + "/review/action-items";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    private ResultActions report(String body) throws Exception {
        return mvc.perform(post("/api/incidents").with(as("responder")).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions actionItem(String dueDate) throws Exception {
        return mvc.perform(post(ACTION_ITEMS).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"description":"Rotate the CI secrets","owner":"alice","dueDate":%s}""".formatted(dueDate)));
    }

    // --- JSON types ---

    @Test
    void aNumberIsNotTakenAsATitle() throws Exception {
        report("""
                {"title":12345,"severity":"LOW","category":"OTHER"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("title"))
                .andExpect(jsonPath("$.detail").value("field 'title' must be a string"));

        verifyNoInteractions(commands);
    }

    @Test
    void aBooleanIsNotTakenAsATitle() throws Exception {
        report("""
                {"title":true,"severity":"LOW","category":"OTHER"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("title"));

        verifyNoInteractions(commands);
    }

    @Test
    void aSeverityIsNotTakenFromANumberAndTheRefusalListsTheSeverities() throws Exception {
        report("""
                {"title":"Leak","severity":1,"category":"OTHER"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("severity"))
                .andExpect(jsonPath("$.allowed", contains("LOW", "MEDIUM", "HIGH", "CRITICAL")))
                .andExpect(jsonPath("$.detail").value("field 'severity' must be one of LOW, MEDIUM, HIGH, CRITICAL"));

        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownSeverityListsTheSeverities() throws Exception {
        report("""
                {"title":"Leak","severity":"APOCALYPTIC","category":"OTHER"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.allowed", contains("LOW", "MEDIUM", "HIGH", "CRITICAL")));

        verifyNoInteractions(commands);
    }

    @Test
    void aFlagIsNotTakenFromAString() throws Exception {
        mvc.perform(post(INCIDENT + "/compliance/materiality").with(as("commander"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"material":"true","rationale":"loss of customer funds"}"""))
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.detail").value("field 'material' must be true or false"));

        verifyNoInteractions(commands);
    }

    @Test
    void aCountBeyondTheRangeOfItsTypeIsAnInvalidValueNotMalformedJson() throws Exception {
        mvc.perform(post(INCIDENT + "/compliance/classifications").with(as("commander"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"classification":"HIPAA_BREACH","affectedByState":{"NY":99999999999},
                                 "rationale":"records of patients"}"""))
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("affectedByState.NY"));

        verifyNoInteractions(commands);
    }

    // --- times ---

    @ParameterizedTest(name = "a due date of {0} is refused")
    @ValueSource(strings = {"20261231", "\"2026-12-31T00:00:00\"", "\"2026-12-31T00:00:00Z\"", "[2026,12,31]",
            "\"\"", "\" 2026-12-31\""})
    void aDueDateIsOnlyAnIsoDate(String dueDate) throws Exception {
        actionItem(dueDate)
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("dueDate"))
                .andExpect(jsonPath("$.detail").value("field 'dueDate' must be an ISO-8601 date such as 2026-12-31"));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "an occurrence time of {0} is refused")
    @ValueSource(strings = {"1700000000", "1700000000.5", "\"1700000000\"", "\"\"", "\"2026-02-01\"",
            "\"2026-02-01T10:00:00\"", "{}"})
    void aTimeIsOnlyAnIsoInstant(String occurredAt) throws Exception {
        report("""
                {"title":"Leak","severity":"LOW","category":"OTHER","occurredAt":%s}""".formatted(occurredAt))
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("occurredAt"))
                .andExpect(jsonPath("$.detail")
                        .value("field 'occurredAt' must be an ISO-8601 instant such as 2026-11-23T07:45:00Z"));

        verifyNoInteractions(commands);
    }

    // --- the body as a whole ---

    @Test
    void aFieldNamedTwiceIsRefused() throws Exception {
        report("""
                {"title":"Leak","title":"Other leak","severity":"LOW","category":"OTHER"}""")
                .andExpect(problem(400, "malformed-request"));

        verifyNoInteractions(commands);
    }

    @Test
    void anOverlongUtf8EncodingIsRefused() throws Exception {
        byte[] prefix = "{\"title\":\"Leak".getBytes(StandardCharsets.UTF_8);
        byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
        byte[] suffix = "\",\"severity\":\"LOW\",\"category\":\"OTHER\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + overlongSlash.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(overlongSlash, 0, body, prefix.length, overlongSlash.length);
        System.arraycopy(suffix, 0, body, prefix.length + overlongSlash.length, suffix.length);

        mvc.perform(post("/api/incidents").with(as("responder")).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.detail").value("the request body is not well-formed UTF-8"));

        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownFieldIsNamedAsUnknown() throws Exception {
        report("""
                {"title":"Leak","severty":"LOW","category":"OTHER"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("severty"))
                .andExpect(jsonPath("$.detail").value("unknown field 'severty'"));

        verifyNoInteractions(commands);
    }

    @Test
    void aMissingTitleIsNamedAsTheTitleNotAsTheRequest() throws Exception {
        report("""
                {"severity":"LOW","category":"OTHER"}""")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("title"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be blank"));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "an Idempotency-Key of \"{0}\" is refused naming the header")
    @ValueSource(strings = {"", "two\twords", "schlüssel"})
    void anIdempotencyKeyThatIsNotPrintableAsciiIsRefusedNamingTheHeader(String key) throws Exception {
        mvc.perform(post("/api/incidents").with(as("responder"))
                        .header("Idempotency-Key", new String(key.getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1))
                        .contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));

        verifyNoInteractions(commands);
    }

    @Test
    void anIdempotencyKeyOf256CharactersIsRefused() throws Exception {
        mvc.perform(post("/api/incidents").with(as("responder")).header("Idempotency-Key", "k".repeat(256))
                        .contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));

        verifyNoInteractions(commands);
    }

    // --- a body where none is taken ---

    @Test
    void aBodySentToAnActionThatTakesNoneIsRefused() throws Exception {
        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("responder")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"on it\"}"))
                .andExpect(problem(415, "body-not-allowed"));

        verifyNoInteractions(commands);
    }

    @Test
    void aChunkedBodySentToAnActionThatTakesNoneIsRefused() throws Exception {
        mvc.perform(new PostWithoutContentLength(ACTION_ITEMS + "/A1/start").with(as("responder"))
                        .header("Transfer-Encoding", "chunked")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("x".repeat(1000)))
                .andExpect(problem(415, "body-not-allowed"));

        verifyNoInteractions(commands);
    }

    /** A form is what another site's page can send without asking: refused for its type, body or not. */
    @Test
    void aFormBodySentToAnActionThatTakesNoneIsRefused() throws Exception {
        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("responder"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("note=on+it"))
                .andExpect(problem(415, "unsupported-media-type"));

        verifyNoInteractions(commands);
    }

    @Test
    void aFormBodySentToAnActionWithAnOptionalJsonBodyIsRefused() throws Exception {
        mvc.perform(post(INCIDENT + "/containment").with(as("responder"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("summary=done"))
                .andExpect(problem(415, "unsupported-media-type"));

        verifyNoInteractions(commands);
    }

    // --- query parameters ---

    @Test
    void aFilterGivenTwiceIsRefusedNotHalfApplied() throws Exception {
        mvc.perform(get("/api/incidents").param("status", "REPORTED", "CONTAINED").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"))
                .andExpect(jsonPath("$.detail").value("parameter 'status' is given 2 times; it takes one value"));

        verifyNoInteractions(queries);
    }

    @Test
    void anUnknownParameterIsRefusedNotIgnored() throws Exception {
        mvc.perform(get("/api/incidents").param("severty", "HIGH").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"))
                .andExpect(jsonPath("$.detail").value("unknown parameter 'severty'"));

        verifyNoInteractions(queries);
    }

    @Test
    void aParameterWithoutAValueIsRefused() throws Exception {
        mvc.perform(get("/api/incidents").param("status", "").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"));

        verifyNoInteractions(queries);
    }

    @Test
    void aParameterSentToAnActionIsRefusedBeforeItActs() throws Exception {
        mvc.perform(post(INCIDENT + "/acknowledgement").param("force", "true").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"));

        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownStatusFilterListsTheStatuses() throws Exception {
        mvc.perform(get("/api/incidents").param("status", "ON_FIRE").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"))
                .andExpect(jsonPath("$.allowed[0]").value("REPORTED"));

        verifyNoInteractions(queries);
    }

    // --- negotiation before acting ---

    @Test
    void anActionItemAskedForInHtmlIsRefusedBeforeItIsAdded() throws Exception {
        mvc.perform(post(ACTION_ITEMS).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.TEXT_HTML)
                        .content("""
                                {"description":"Rotate the CI secrets","owner":"alice","dueDate":"2026-12-31"}"""))
                .andExpect(problem(406, "not-acceptable"));

        verifyNoInteractions(commands);
    }

    @Test
    void aComplianceFactAskedForInHtmlIsRefusedBeforeItIsRecorded() throws Exception {
        mvc.perform(post(INCIDENT + "/compliance/awareness").with(as("commander"))
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_HTML)
                        .content("{\"basis\":\"the SOC's ticket\"}"))
                .andExpect(problem(406, "not-acceptable"));

        verifyNoInteractions(commands);
    }

    // --- incident ids ---

    @ParameterizedTest(name = "{0} names no incident")
    @ValueSource(strings = {"1-1-1-1-1", "access-log:3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13",
            "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a1", "13f2b8c1e-9d4a-4e7b-8a61-c5d2e9f7a13"})
    void aSpellingThatIsNotACanonicalIncidentIdNamesNoIncident(String id) throws Exception {
        mvc.perform(post("/api/incidents/" + id + "/acknowledgement").with(as("responder")))
                .andExpect(problem(404, "incident-not-found"));
        mvc.perform(get("/api/incidents/" + id).with(as("responder")))
                .andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(commands, queries);
    }
}
