package io.incidentledger.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.incidentledger.common.RequestMetadata;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.RecordContainmentAction;
import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignIncident;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.CloseIncident;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.DeescalateIncident;
import io.incidentledger.incident.api.DismissIncident;
import io.incidentledger.incident.api.EradicateIncident;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentPageView;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentSummaryView;
import io.incidentledger.incident.api.IncidentTimesView;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.ListIncidents;
import io.incidentledger.incident.api.RecoverIncident;
import io.incidentledger.incident.api.ReopenIncident;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.ResolveIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TriageIncident;
import io.incidentledger.incident.query.IncidentQueries;
import io.incidentledger.review.api.RecordPostIncidentReview;
import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.RequestSizeLimitFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident API's contract on the happy path: reporting, reading, and one 204 per lifecycle action with the
 * command it sends. Errors are in {@link IncidentApiErrorsTest}, authentication and roles in
 * {@link IncidentApiSecurityTest}.
 */
@IncidentControllerTest.IncidentApiSlice
class IncidentControllerTest {

    /**
     * The web slice shared by the incident API tests (one cached context): the controller with the real security
     * chain, exception handler and size-limit filter, the access-log recorder, Axon's gateways and event store
     * mocked, a fixed clock, a 2048-byte request limit and the users of {@link TestUsers}.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @WebMvcTest({IncidentController.class, IncidentComplianceController.class, IncidentReviewController.class})
    @Import({SecurityConfiguration.class, ProblemResponseWriter.class, RequestSizeLimitFilter.class,
            BusinessTimes.class, IncidentReports.class, FixedClock.class})
    @EnableConfigurationProperties({UserProperties.class, ApiProperties.class})
    @MockitoBean(types = {CommandGateway.class, QueryGateway.class, EventStore.class, IncidentQueries.class})
    @TestPropertySource(properties = {
            "incident-ledger.api.max-request-bytes=" + MAX_REQUEST_BYTES,
            TestUsers.ONE_PER_ROLE,
    })
    @interface IncidentApiSlice {
    }

    static final int MAX_REQUEST_BYTES = 2048;
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ID = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";
    static final String INCIDENT = "/api/incidents/" + ID;
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String REPORT = """
            {"title":"  Hot wallet key leaked  ","description":"found on a paste site","severity":"HIGH",
             "category":"KEY_COMPROMISE","occurredAt":"2026-03-01T10:00:00Z","detectedAt":"2026-03-01T11:00:00Z"}""";

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    static RequestPostProcessor as(String user) {
        return httpBasic(user, user + "-pw");
    }

    /** The one command sent through the gateway, unwrapped from its message when it was sent with metadata. */
    static <T> T sentCommand(CommandGateway commands, Class<T> type) {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).sendAndWait(sent.capture());
        Object command = sent.getValue() instanceof CommandMessage<?> message ? message.getPayload() : sent.getValue();
        assertThat(command).isInstanceOf(type);
        return type.cast(command);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    @Autowired
    JsonMapper jsonMapper;

    private ResultActions report(String user, String body) throws Exception {
        return mvc.perform(post("/api/incidents").with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String reportWithKey(String user, String key) throws Exception {
        MvcResult result = mvc.perform(post("/api/incidents").with(as(user)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(status().isCreated())
                .andReturn();
        return jsonMapper.readTree(result.getResponse().getContentAsString()).get("incidentId").asString();
    }

    private ResultActions action(String user, String path, String body) throws Exception {
        return mvc.perform(post(INCIDENT + "/" + path).with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    // --- reporting ---

    @Test
    void reportAnswers201WithTheNewIncidentIdInBodyAndLocation() throws Exception {
        MvcResult result = report("responder", REPORT)
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.incidentId").value(matchesPattern(UUID_PATTERN)))
                .andReturn();
        String id = jsonMapper.readTree(result.getResponse().getContentAsString()).get("incidentId").asString();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/incidents/" + id);
    }

    @Test
    void reportSendsAReportIncidentCommandWithTheRequestedFieldsAndTheAnsweredId() throws Exception {
        MvcResult result = report("responder", REPORT).andExpect(status().isCreated()).andReturn();

        ReportIncident command = sentCommand(commands, ReportIncident.class);
        assertThat(command.title()).isEqualTo("Hot wallet key leaked");
        assertThat(command.description()).isEqualTo("found on a paste site");
        assertThat(command.severity()).isEqualTo(Severity.HIGH);
        assertThat(command.category()).isEqualTo(Category.KEY_COMPROMISE);
        assertThat(command.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(command.detectedAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(result.getResponse().getContentAsString()).contains(command.incidentId().value());
    }

    @Test
    void reportByAResponderIsAManualReport() throws Exception {
        report("responder", REPORT).andExpect(status().isCreated());

        assertThat(sentCommand(commands, ReportIncident.class).source()).isEqualTo(IncidentSource.MANUAL);
    }

    @Test
    void reportByACommanderIsAManualReport() throws Exception {
        report("commander", REPORT).andExpect(status().isCreated());

        assertThat(sentCommand(commands, ReportIncident.class).source()).isEqualTo(IncidentSource.MANUAL);
    }

    @Test
    void reportByADetectorIsADetectionReport() throws Exception {
        report("detector", REPORT).andExpect(status().isCreated());

        assertThat(sentCommand(commands, ReportIncident.class).source()).isEqualTo(IncidentSource.DETECTION);
    }

    @Test
    void reportWithoutTimesIsDetectedNowWithUnknownOccurrence() throws Exception {
        report("responder", """
                {"title":"Odd transfer","severity":"LOW","category":"OTHER"}""").andExpect(status().isCreated());

        ReportIncident command = sentCommand(commands, ReportIncident.class);
        assertThat(command.detectedAt()).isEqualTo(NOW);
        assertThat(command.occurredAt()).isNull();
    }

    @Test
    void reportDetectedWithinTheAllowedClockSkewIsAccepted() throws Exception {
        report("responder", """
                {"title":"Odd transfer","severity":"LOW","category":"OTHER","detectedAt":"2026-03-01T12:05:00Z"}""")
                .andExpect(status().isCreated());

        assertThat(sentCommand(commands, ReportIncident.class).detectedAt())
                .isEqualTo(Instant.parse("2026-03-01T12:05:00Z"));
    }

    @Test
    void reportsWithoutIdempotencyKeyGetDistinctIncidentIds() throws Exception {
        String first = jsonMapper.readTree(report("responder", REPORT).andReturn().getResponse().getContentAsString())
                .get("incidentId").asString();
        String second = jsonMapper.readTree(report("responder", REPORT).andReturn().getResponse().getContentAsString())
                .get("incidentId").asString();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void sameIdempotencyKeyFromTheSamePrincipalDerivesTheSameIncidentId() throws Exception {
        String first = reportWithKey("responder", "report-42");
        String second = reportWithKey("responder", "report-42");

        assertThat(first).isEqualTo(second).matches(UUID_PATTERN);
    }

    @Test
    void sameIdempotencyKeyFromAnotherPrincipalDerivesADifferentIncidentId() throws Exception {
        String byResponder = reportWithKey("responder", "report-42");
        String byCommander = reportWithKey("commander", "report-42");

        assertThat(byResponder).isNotEqualTo(byCommander);
    }

    @Test
    void anotherIdempotencyKeyFromTheSamePrincipalDerivesADifferentIncidentId() throws Exception {
        assertThat(reportWithKey("responder", "report-42")).isNotEqualTo(reportWithKey("responder", "report-43"));
    }

    @Test
    void idempotentReportCarriesTheKeyAndTheRequestDigestInTheCommandMetadata() throws Exception {
        reportWithKey("responder", "report-42");

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isInstanceOf(CommandMessage.class);
        MetaData metaData = ((CommandMessage<?>) sent.getValue()).getMetaData();
        assertThat(metaData.get(RequestMetadata.IDEMPOTENCY_KEY)).isEqualTo("report-42");
        assertThat((String) metaData.get(RequestMetadata.REQUEST_DIGEST)).matches("[0-9a-f]{64}");
    }

    @Test
    void retriedIdempotentReportAnswersTheIncidentOfTheFirstReport() throws Exception {
        String first = reportWithKey("responder", "report-42");
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).sendAndWait(sent.capture());
        Object digest = ((CommandMessage<?>) sent.getValue()).getMetaData().get(RequestMetadata.REQUEST_DIGEST);
        when(commands.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("already there"));
        when(eventStore.readEvents(first)).thenReturn(DomainEventStream.of(new GenericDomainEventMessage<>(
                "Incident", first, 0L, "first event", MetaData.with(RequestMetadata.REQUEST_DIGEST, digest))));

        mvc.perform(post("/api/incidents").with(as("responder")).header("Idempotency-Key", "report-42")
                        .contentType(MediaType.APPLICATION_JSON).content(REPORT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/incidents/" + first))
                .andExpect(jsonPath("$.incidentId").value(first));
    }

    // --- reading ---

    @Test
    void getAnswersTheIncidentViewWithItsIdAsAPlainString() throws Exception {
        givenTheIncidentView();

        mvc.perform(get(INCIDENT).with(as("responder")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.incidentId").value(ID))
                .andExpect(jsonPath("$.title").value("Hot wallet key leaked"))
                .andExpect(jsonPath("$.status").value("TRIAGED"))
                .andExpect(jsonPath("$.version").value(3));
        verifyNoInteractions(commands);
    }

    @Test
    void aRegulatorsReadIsRecordedInTheIncidentsAccessLogBeforeItIsAnswered() throws Exception {
        givenTheIncidentView();

        mvc.perform(get(INCIDENT).with(as("regulator"))).andExpect(status().isOk());

        verify(commands).sendAndWait(new RecordIncidentRead(new IncidentId(ID), RecordIncidentRead.INCIDENT));
    }

    /** Another node recorded a read of the same incident first: the read is recorded after it, not refused. */
    @Test
    void aRegulatorsReadThatLosesTheRaceForTheAccessLogIsRecordedOnRetryAndAnswered() throws Exception {
        givenTheIncidentView();
        RecordIncidentRead read = new RecordIncidentRead(new IncidentId(ID), RecordIncidentRead.INCIDENT);
        when(commands.sendAndWait(read))
                .thenThrow(new AggregateStreamCreationException("another node created the log first"))
                .thenThrow(new ConcurrencyException("another node appended first"))
                .thenReturn(null);

        mvc.perform(get(INCIDENT).with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidentId").value(ID));

        verify(commands, times(3)).sendAndWait(read);
    }

    private void givenTheIncidentView() {
        IncidentId id = new IncidentId(ID);
        IncidentView view = new IncidentView(id, "Hot wallet key leaked", null, IncidentStatus.TRIAGED,
                Severity.HIGH, Category.KEY_COMPROMISE, IncidentSource.MANUAL,
                new IncidentTimesView(null, NOW, null, null, null, null, null, null), NOW, "responder", NOW, 3,
                null, null, List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of());
        doReturn(CompletableFuture.completedFuture(Optional.of(view)))
                .when(queries).query(eq(new FindIncident(id)), any(ResponseType.class));
    }

    @Test
    void listPassesFiltersAndPagingToTheQueryAndAnswersThePage() throws Exception {
        IncidentPageView page = new IncidentPageView(List.of(new IncidentSummaryView(new IncidentId(ID), "Leak",
                IncidentStatus.REPORTED, Severity.HIGH, Category.PHISHING, IncidentSource.DETECTION, NOW, NOW, NOW)),
                2, 5, 11, 3);
        when(queries.query(any(ListIncidents.class), eq(IncidentPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(page));

        mvc.perform(get("/api/incidents").with(as("regulator"))
                        .param("status", "REPORTED").param("severity", "HIGH").param("category", "PHISHING")
                        .param("page", "2").param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].incidentId").value(ID))
                .andExpect(jsonPath("$.totalItems").value(11));

        verify(queries).query(new ListIncidents(IncidentStatus.REPORTED, Severity.HIGH, Category.PHISHING, 2, 5),
                IncidentPageView.class);
    }

    @Test
    void listWithoutParametersAsksForTheFirstPageOfTwentyUnfiltered() throws Exception {
        when(queries.query(any(ListIncidents.class), eq(IncidentPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(new IncidentPageView(List.of(), 0, 20, 0, 0)));

        mvc.perform(get("/api/incidents").with(as("responder"))).andExpect(status().isOk());

        verify(queries).query(new ListIncidents(null, null, null, 0, 20), IncidentPageView.class);
    }

    // --- lifecycle actions: 204 and the command sent ---

    @Test
    void acknowledgementAnswers204AndSendsAcknowledgeIncident() throws Exception {
        mvc.perform(post(INCIDENT + "/acknowledgement").with(as("responder")))
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, AcknowledgeIncident.class))
                .isEqualTo(new AcknowledgeIncident(new IncidentId(ID)));
    }

    @Test
    void triageAnswers204AndSendsTriageIncidentWithTheAffectedAssets() throws Exception {
        action("responder", "triage", """
                {"severity":"CRITICAL","category":"KEY_COMPROMISE","classifiedAt":"2026-03-01T11:30:00Z",
                 "affectedAssets":[{"type":"WALLET","identifier":"0xabc","chain":" "},
                                   {"type":"NODE","identifier":"validator-3","chain":"ethereum"}]}""")
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, TriageIncident.class)).isEqualTo(new TriageIncident(new IncidentId(ID),
                Severity.CRITICAL, Category.KEY_COMPROMISE,
                List.of(new AffectedAsset(AssetType.WALLET, "0xabc", null),
                        new AffectedAsset(AssetType.NODE, "validator-3", "ethereum")),
                Instant.parse("2026-03-01T11:30:00Z")));
    }

    @Test
    void triageWithoutAssetsOrTimeIsClassifiedNowWithNoAssets() throws Exception {
        action("commander", "triage", """
                {"severity":"LOW","category":"OTHER"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, TriageIncident.class)).isEqualTo(new TriageIncident(new IncidentId(ID),
                Severity.LOW, Category.OTHER, List.of(), NOW));
    }

    @Test
    void assignmentAnswers204AndSendsAssignIncidentWithTheStrippedAssignee() throws Exception {
        action("commander", "assignments", """
                {"role":"SCRIBE","assignee":"  alice  "}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, AssignIncident.class))
                .isEqualTo(new AssignIncident(new IncidentId(ID), AssignmentRole.SCRIBE, "alice"));
    }

    @Test
    void escalationAnswers204AndSendsEscalateIncident() throws Exception {
        action("responder", "escalation", """
                {"severity":"CRITICAL","reason":"funds are moving"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, EscalateIncident.class))
                .isEqualTo(new EscalateIncident(new IncidentId(ID), Severity.CRITICAL, "funds are moving"));
    }

    @Test
    void deEscalationAnswers204AndSendsDeescalateIncident() throws Exception {
        action("commander", "de-escalation", """
                {"severity":"LOW","reason":"test wallet only"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, DeescalateIncident.class))
                .isEqualTo(new DeescalateIncident(new IncidentId(ID), Severity.LOW, "test wallet only"));
    }

    @Test
    void noteAnswers204AndSendsAddNote() throws Exception {
        action("responder", "notes", """
                {"text":"called the exchange"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, AddNote.class))
                .isEqualTo(new AddNote(new IncidentId(ID), "called the exchange"));
    }

    @Test
    void evidenceAnswers204AndSendsAttachEvidenceWithALowerCaseDigest() throws Exception {
        String digest = "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789";
        action("responder", "evidence", """
                {"name":"wallet.log","sha256":"%s","location":"s3://evidence/wallet.log"}""".formatted(digest))
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, AttachEvidence.class)).isEqualTo(new AttachEvidence(new IncidentId(ID),
                "wallet.log", digest.toLowerCase(), "s3://evidence/wallet.log", null));
    }

    @Test
    void containmentActionAnswers204AndSendsRecordContainmentAction() throws Exception {
        action("responder", "containment-actions", """
                {"action":"REVOKE_KEY","target":{"type":"SIGNING_KEY","identifier":"hot-1"},
                 "description":"revoked in HSM","performedAt":"2026-03-01T11:45:00Z"}""")
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, RecordContainmentAction.class)).isEqualTo(new RecordContainmentAction(
                new IncidentId(ID), ContainmentActionType.REVOKE_KEY,
                new AffectedAsset(AssetType.SIGNING_KEY, "hot-1", null), "revoked in HSM",
                Instant.parse("2026-03-01T11:45:00Z")));
    }

    @Test
    void containmentAnswers204AndSendsContainIncident() throws Exception {
        action("responder", "containment", """
                {"containedAt":"2026-03-01T11:50:00Z","summary":"hot wallet drained to cold"}""")
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, ContainIncident.class)).isEqualTo(new ContainIncident(new IncidentId(ID),
                Instant.parse("2026-03-01T11:50:00Z"), "hot wallet drained to cold"));
    }

    @Test
    void containmentWithoutBodyIsContainedNow() throws Exception {
        mvc.perform(post(INCIDENT + "/containment").with(as("responder"))).andExpect(status().isNoContent());

        assertThat(sentCommand(commands, ContainIncident.class))
                .isEqualTo(new ContainIncident(new IncidentId(ID), NOW, null));
    }

    @Test
    void eradicationAnswers204AndSendsEradicateIncident() throws Exception {
        action("commander", "eradication", """
                {"eradicatedAt":"2026-03-01T11:55:00Z","summary":"malware removed"}""")
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, EradicateIncident.class)).isEqualTo(new EradicateIncident(
                new IncidentId(ID), Instant.parse("2026-03-01T11:55:00Z"), "malware removed"));
    }

    @Test
    void recoveryAnswers204AndSendsRecoverIncident() throws Exception {
        mvc.perform(post(INCIDENT + "/recovery").with(as("responder"))).andExpect(status().isNoContent());

        assertThat(sentCommand(commands, RecoverIncident.class))
                .isEqualTo(new RecoverIncident(new IncidentId(ID), NOW, null));
    }

    @Test
    void resolutionAnswers204AndSendsResolveIncident() throws Exception {
        action("commander", "resolution", """
                {"summary":"keys rotated, funds recovered"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, ResolveIncident.class)).isEqualTo(new ResolveIncident(new IncidentId(ID),
                "keys rotated, funds recovered", NOW));
    }

    @Test
    void reviewAnswers204AndSendsRecordPostIncidentReview() throws Exception {
        action("commander", "review", """
                {"rootCause":"key in CI logs","lessonsLearned":"mask secrets","actionItems":["scrub logs"]}""")
                .andExpect(status().isNoContent());

        assertThat(sentCommand(commands, RecordPostIncidentReview.class)).isEqualTo(new RecordPostIncidentReview(
                new IncidentId(ID), "key in CI logs", "mask secrets", List.of("scrub logs")));
    }

    @Test
    void reviewWithoutActionItemsSendsAnEmptyList() throws Exception {
        action("commander", "review", """
                {"rootCause":"key in CI logs","lessonsLearned":"mask secrets"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, RecordPostIncidentReview.class).actionItems()).isEmpty();
    }

    @Test
    void closureAnswers204AndSendsCloseIncident() throws Exception {
        action("commander", "closure", """
                {"closedAt":"2026-03-01T11:59:00Z"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, CloseIncident.class))
                .isEqualTo(new CloseIncident(new IncidentId(ID), Instant.parse("2026-03-01T11:59:00Z")));
    }

    @Test
    void closureWithoutBodyIsClosedNow() throws Exception {
        mvc.perform(post(INCIDENT + "/closure").with(as("commander"))).andExpect(status().isNoContent());

        assertThat(sentCommand(commands, CloseIncident.class)).isEqualTo(new CloseIncident(new IncidentId(ID), NOW));
    }

    @Test
    void dismissalAnswers204AndSendsDismissIncident() throws Exception {
        action("commander", "dismissal", """
                {"reason":"duplicate of another report"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, DismissIncident.class))
                .isEqualTo(new DismissIncident(new IncidentId(ID), "duplicate of another report"));
    }

    @Test
    void reopeningAnswers204AndSendsReopenIncident() throws Exception {
        action("commander", "reopening", """
                {"reason":"attacker came back"}""").andExpect(status().isNoContent());

        assertThat(sentCommand(commands, ReopenIncident.class))
                .isEqualTo(new ReopenIncident(new IncidentId(ID), "attacker came back"));
    }
}
