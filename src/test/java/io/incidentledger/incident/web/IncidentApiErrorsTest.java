package io.incidentledger.incident.web;

import static io.incidentledger.incident.web.IncidentControllerTest.ID;
import static io.incidentledger.incident.web.IncidentControllerTest.INCIDENT;
import static io.incidentledger.incident.web.IncidentControllerTest.MAX_REQUEST_BYTES;
import static io.incidentledger.incident.web.IncidentControllerTest.REPORT;
import static io.incidentledger.incident.web.IncidentControllerTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.RequestMetadata;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import jakarta.servlet.ServletContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * Every error status of the incident API except 401/403 (see {@link IncidentApiSecurityTest}): each answers an
 * {@code application/problem+json} document with a stable {@code code}, and a refused request sends no command.
 */
@IncidentControllerTest.IncidentApiSlice
class IncidentApiErrorsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    static ResultMatcher problem(int status, String code) {
        return result -> {
            status().is(status).match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.code").value(code).match(result);
            jsonPath("$.type").value("urn:incident-ledger:problem:" + code).match(result);
        };
    }

    private ResultActions report(String body) throws Exception {
        return mvc.perform(post("/api/incidents").with(as("responder")).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions action(String user, String path, String body) throws Exception {
        return mvc.perform(post(INCIDENT + "/" + path).with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String reportWithDescriptionOf(int length) {
        return """
                {"title":"Leak","severity":"LOW","category":"OTHER","description":"%s"}"""
                .formatted("x".repeat(length));
    }

    // --- 400 ---

    @Test
    void malformedJsonIsA400MalformedRequestAndSendsNoCommand() throws Exception {
        report("{\"title\":\"Leak\",").andExpect(problem(400, "malformed-request"));

        verifyNoInteractions(commands);
    }

    @Test
    void reportWithoutBodyIsA400MalformedRequest() throws Exception {
        mvc.perform(post("/api/incidents").with(as("responder")).contentType(MediaType.APPLICATION_JSON))
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.detail").value("the request body is missing"));

        verifyNoInteractions(commands);
    }

    @Test
    void actionThatNeedsABodyIsA400WithoutOne() throws Exception {
        mvc.perform(post(INCIDENT + "/notes").with(as("responder")).contentType(MediaType.APPLICATION_JSON))
                .andExpect(problem(400, "malformed-request"));

        verifyNoInteractions(commands);
    }

    // --- 404 ---

    @Test
    void unknownIncidentIsA404IncidentNotFound() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.empty()))
                .when(queries).query(eq(new FindIncident(new IncidentId(ID))), any(ResponseType.class));

        mvc.perform(get(INCIDENT).with(as("responder"))).andExpect(problem(404, "incident-not-found"));
    }

    @Test
    void readingAnIdThatIsNoUuidIsA404WithoutAQuery() throws Exception {
        mvc.perform(get("/api/incidents/not-a-uuid").with(as("responder")))
                .andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(queries);
    }

    @Test
    void actionOnAnIdThatIsNoUuidIsA404WithoutACommand() throws Exception {
        mvc.perform(post("/api/incidents/not-a-uuid/acknowledgement").with(as("responder")))
                .andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(commands);
    }

    @Test
    void actionOnAnIncidentTheStoreDoesNotKnowIsA404() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateNotFoundException(ID, "no such aggregate"));

        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("responder")))
                .andExpect(problem(404, "incident-not-found"))
                .andExpect(jsonPath("$.detail").value("no incident " + ID));
    }

    // --- 409 ---

    @Test
    void commandRefusedAsConflictIsA409WithTheRefusalCode() throws Exception {
        when(commands.sendAndWait(any()))
                .thenThrow(CommandRefusedException.conflict("incident-closed", "the incident is closed"));

        action("responder", "notes", "{\"text\":\"late note\"}")
                .andExpect(problem(409, "incident-closed"))
                .andExpect(jsonPath("$.detail").value("the incident is closed"));
    }

    @Test
    void concurrentModificationIsA409() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new ConcurrencyException("version 3 already stored"));

        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("responder")))
                .andExpect(problem(409, "concurrent-modification"));
    }

    // --- 413 ---

    @Test
    void bodyOverTheLimitWithContentLengthIsA413BeforeAnythingIsRead() throws Exception {
        String body = reportWithDescriptionOf(MAX_REQUEST_BYTES);
        assertThat(body.length()).isGreaterThan(MAX_REQUEST_BYTES);

        report(body).andExpect(problem(413, "payload-too-large"));

        verifyNoInteractions(commands);
    }

    @Test
    void chunkedBodyOverTheLimitWithoutContentLengthIsA413() throws Exception {
        mvc.perform(new PostWithoutContentLength("/api/incidents").with(as("responder"))
                        .header("Transfer-Encoding", "chunked")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(reportWithDescriptionOf(MAX_REQUEST_BYTES)))
                .andExpect(problem(413, "payload-too-large"));

        verifyNoInteractions(commands);
    }

    @Test
    void chunkedBodyWithinTheLimitIsAccepted() throws Exception {
        mvc.perform(new PostWithoutContentLength("/api/incidents").with(as("responder"))
                        .header("Transfer-Encoding", "chunked")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(reportWithDescriptionOf(MAX_REQUEST_BYTES - 200)))
                .andExpect(status().isCreated());
    }

    @Test
    void bodyExactlyAtTheLimitIsAccepted() throws Exception {
        String body = reportWithDescriptionOf(MAX_REQUEST_BYTES);
        body = reportWithDescriptionOf(2 * MAX_REQUEST_BYTES - body.length());
        assertThat(body.length()).isEqualTo(MAX_REQUEST_BYTES);

        report(body).andExpect(status().isCreated());
    }

    // --- 415 ---

    @Test
    void bodyThatIsNotJsonIsA415Problem() throws Exception {
        mvc.perform(post(INCIDENT + "/notes").with(as("responder")).contentType(MediaType.TEXT_PLAIN)
                        .content("a note"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        verifyNoInteractions(commands);
    }

    @Test
    void bodyThatIsNotJsonIsA415WithTheStableCode() throws Exception {
        mvc.perform(post(INCIDENT + "/notes").with(as("responder")).contentType(MediaType.TEXT_PLAIN)
                        .content("a note"))
                .andExpect(problem(415, "unsupported-media-type"));
    }

    // --- 422: request bodies ---

    @Test
    void blankTitleIsA422ValidationFailureAndSendsNoCommand() throws Exception {
        report("""
                {"title":"   ","severity":"LOW","category":"OTHER"}""")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors").isNotEmpty());

        verifyNoInteractions(commands);
    }

    @Test
    void missingSeverityIsA422ValidationFailure() throws Exception {
        report("""
                {"title":"Leak","category":"OTHER"}""").andExpect(problem(422, "validation-failed"));

        verifyNoInteractions(commands);
    }

    @Test
    void evidenceDigestThatIsNotSha256IsA422NamingTheField() throws Exception {
        action("responder", "evidence", """
                {"name":"wallet.log","sha256":"abc123","location":"s3://evidence/wallet.log"}""")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("sha256"))
                .andExpect(jsonPath("$.errors[0].message").value("must be 64 hexadecimal digits"));

        verifyNoInteractions(commands);
    }

    @Test
    void reviewWithMoreThanAHundredActionItemsIsA422() throws Exception {
        String items = String.join(",", Collections.nCopies(101, "\"a\""));
        action("commander", "review", """
                {"rootCause":"r","lessonsLearned":"l","actionItems":[%s]}""".formatted(items))
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("actionItems"));

        verifyNoInteractions(commands);
    }

    @Test
    void blankAssetIdentifierInTriageIsA422NamingTheNestedField() throws Exception {
        action("responder", "triage", """
                {"severity":"LOW","category":"OTHER","affectedAssets":[{"type":"NODE","identifier":" "}]}""")
                .andExpect(problem(422, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("affectedAssets[0].identifier"));

        verifyNoInteractions(commands);
    }

    @Test
    void unknownEnumValueIsA422InvalidValueNamingTheField() throws Exception {
        report("""
                {"title":"Leak","severity":"APOCALYPTIC","category":"OTHER"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("severity"));

        verifyNoInteractions(commands);
    }

    @Test
    void unknownEnumValueInANestedObjectNamesTheFieldPath() throws Exception {
        action("responder", "triage", """
                {"severity":"LOW","category":"OTHER","affectedAssets":[{"type":"TOASTER","identifier":"t"}]}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("affectedAssets[0].type"));
    }

    @Test
    void unknownJsonPropertyIsA422InvalidValue() throws Exception {
        report("""
                {"title":"Leak","severity":"LOW","category":"OTHER","priority":"P1"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("priority"));

        verifyNoInteractions(commands);
    }

    @Test
    void timeThatIsNotAnInstantIsA422InvalidValue() throws Exception {
        report("""
                {"title":"Leak","severity":"LOW","category":"OTHER","detectedAt":"yesterday"}""")
                .andExpect(problem(422, "invalid-value"))
                .andExpect(jsonPath("$.field").value("detectedAt"));
    }

    @Test
    void detectionTimeBeyondTheAllowedClockSkewIsA422TimeInFuture() throws Exception {
        report("""
                {"title":"Leak","severity":"LOW","category":"OTHER","detectedAt":"2026-03-01T12:05:01Z"}""")
                .andExpect(problem(422, "time-in-future"))
                .andExpect(jsonPath("$.detail", containsString("detectedAt")));

        verifyNoInteractions(commands);
    }

    @Test
    void futureOccurrenceTimeIsA422TimeInFuture() throws Exception {
        report("""
                {"title":"Leak","severity":"LOW","category":"OTHER","occurredAt":"2027-01-01T00:00:00Z"}""")
                .andExpect(problem(422, "time-in-future"));

        verifyNoInteractions(commands);
    }

    @Test
    void futureContainmentTimeIsA422TimeInFuture() throws Exception {
        action("responder", "containment", """
                {"containedAt":"2026-03-02T00:00:00Z"}""")
                .andExpect(problem(422, "time-in-future"))
                .andExpect(jsonPath("$.detail", containsString("containedAt")));

        verifyNoInteractions(commands);
    }

    @Test
    void commandRefusedAsInvalidIsA422WithTheRefusalCode() throws Exception {
        when(commands.sendAndWait(any(AddNote.class)))
                .thenThrow(CommandRefusedException.invalid("note-too-late", "no notes after closure"));

        action("responder", "notes", "{\"text\":\"late\"}").andExpect(problem(422, "note-too-late"));
    }

    @Test
    void idempotencyKeyReusedForADifferentReportIsA422() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("already there"));
        when(eventStore.readEvents(any(String.class))).thenAnswer(call -> org.axonframework.eventsourcing
                .eventstore.DomainEventStream.of(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                        "Incident", call.getArgument(0), 0L, "first event",
                        org.axonframework.messaging.MetaData.with(RequestMetadata.REQUEST_DIGEST, "0".repeat(64)))));

        mvc.perform(post("/api/incidents").with(as("responder")).header("Idempotency-Key", "report-42")
                        .contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(problem(422, "idempotency-key-reused"));
    }

    // --- 422: parameters ---

    @Test
    void pageSizeOfZeroIsA422ValidationFailure() throws Exception {
        mvc.perform(get("/api/incidents").param("size", "0").with(as("responder")))
                .andExpect(problem(422, "validation-failed"));

        verifyNoInteractions(queries);
    }

    @Test
    void pageSizeAboveTwoHundredIsA422ValidationFailure() throws Exception {
        mvc.perform(get("/api/incidents").param("size", "201").with(as("responder")))
                .andExpect(problem(422, "validation-failed"));

        verifyNoInteractions(queries);
    }

    @Test
    void idempotencyKeyThatIsNotPrintableAsciiIsA422ValidationFailure() throws Exception {
        mvc.perform(post("/api/incidents").with(as("responder")).header("Idempotency-Key", "two words")
                        .contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(problem(422, "validation-failed"));

        verifyNoInteractions(commands);
    }

    @Test
    void pageSizeThatIsNotANumberIsA422InvalidParameter() throws Exception {
        mvc.perform(get("/api/incidents").param("size", "twenty").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"))
                .andExpect(jsonPath("$.detail").value("parameter 'size' must be an integer"));

        verifyNoInteractions(queries);
    }

    @Test
    void unknownStatusFilterIsA422InvalidParameter() throws Exception {
        mvc.perform(get("/api/incidents").param("status", "ON_FIRE").with(as("responder")))
                .andExpect(problem(422, "invalid-parameter"));

        verifyNoInteractions(queries);
    }

    // --- 500 ---

    @Test
    void unexpectedFailureIsA500ThatDoesNotLeakItsMessage() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new IllegalStateException("jdbc:h2:secret-connection-string"));

        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("responder")))
                .andExpect(problem(500, "internal-error"))
                .andExpect(content().string(not(containsString("secret-connection-string"))));
    }

    /** A POST whose body arrives without a declared length, as a chunked upload does. */
    static final class PostWithoutContentLength extends AbstractMockHttpServletRequestBuilder<PostWithoutContentLength> {

        PostWithoutContentLength(String uri) {
            super(HttpMethod.POST);
            uri(uri);
        }

        @Override
        protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
            return new MockHttpServletRequest(servletContext) {

                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
        }
    }
}
