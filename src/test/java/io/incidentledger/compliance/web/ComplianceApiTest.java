package io.incidentledger.compliance.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.incidentledger.compliance.access.AccessLogQueries;
import io.incidentledger.compliance.access.IncidentReads;
import io.incidentledger.compliance.access.api.AccessLogEntry;
import io.incidentledger.compliance.access.api.AccessLogPage;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.AuditTrail;
import io.incidentledger.compliance.api.AuditTrailEntry;
import io.incidentledger.compliance.query.AuditTrails;
import io.incidentledger.compliance.query.ResponseMetrics.DurationStatistics;
import io.incidentledger.compliance.query.ResponseMetrics.Group;
import io.incidentledger.compliance.query.ResponseMetrics.Period;
import io.incidentledger.compliance.query.ResponseMetrics.SeverityBasis;
import io.incidentledger.compliance.query.ResponseMetricsQueries;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The compliance API's contract in the web slice: the controller with the real security chain and exception
 * handler, the views and the access-log recorder mocked. Bodies, error codes, the role table, and that a
 * per-incident read is recorded only when it is answered.
 */
@WebMvcTest(ComplianceController.class)
@Import({SecurityConfiguration.class, ProblemResponseWriter.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class})
@MockitoBean(types = {AuditTrails.class, ResponseMetricsQueries.class, AccessLogQueries.class, IncidentReads.class})
@TestPropertySource(properties = {
        "incident-ledger.api.max-request-bytes=2048",
        TestUsers.ONE_PER_ROLE,
})
class ComplianceApiTest {

    static final String ID = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";
    static final IncidentId INCIDENT = new IncidentId(ID);
    static final String EVENT_ID = "0b7c2f6e-1111-4e7b-8a61-0c5d2e9f7a13";
    static final String TRAIL = "/api/compliance/incidents/" + ID + "/audit-trail";
    static final String METRICS = "/api/compliance/metrics";
    static final String ACCESS_LOG = "/api/compliance/access-log";
    static final String HASH = "11".repeat(32);
    static final String GENESIS = "00".repeat(32);
    static final Instant READ_AT = Instant.parse("2026-03-01T12:00:00Z");

    static final AuditTrail A_TRAIL = new AuditTrail(ID, List.of(new AuditTrailEntry(0, EVENT_ID, "IncidentReported",
            "2026-03-01T11:00:00.123Z", "commander", "USER", "COMMANDER", "Reported HIGH OTHER incident", HASH,
            GENESIS, 4L, "/api/ledger/proofs/inclusion?eventId=" + EVENT_ID)));
    static final DurationStatistics NONE = new DurationStatistics(0, null, null, null);
    static final DurationStatistics ONE_HOUR = new DurationStatistics(1, new BigDecimal("3600.000"),
            new BigDecimal("3600.000"), new BigDecimal("3600.000"));

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrails auditTrails;

    @Autowired
    ResponseMetricsQueries metrics;

    @Autowired
    AccessLogQueries accessLog;

    @Autowired
    IncidentReads reads;

    static RequestPostProcessor as(String user) {
        return httpBasic(user, user + "-pw");
    }

    static ResultMatcher problem(int status, String code) {
        return result -> {
            status().is(status).match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.code").value(code).match(result);
        };
    }

    // --- audit trail ---

    @Test
    void theAuditTrailListsEachEventWithActorHashLeafAndProofLinkAndRecordsTheRead() throws Exception {
        when(auditTrails.of(INCIDENT)).thenReturn(Optional.of(A_TRAIL));

        mvc.perform(get(TRAIL).with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.incidentId").value(ID))
                .andExpect(jsonPath("$.events[0].sequence").value(0))
                .andExpect(jsonPath("$.events[0].type").value("IncidentReported"))
                .andExpect(jsonPath("$.events[0].actor").value("commander"))
                .andExpect(jsonPath("$.events[0].actorRoles").value("COMMANDER"))
                .andExpect(jsonPath("$.events[0].recordedAt").value("2026-03-01T11:00:00.123Z"))
                .andExpect(jsonPath("$.events[0].entryHash").value(HASH))
                .andExpect(jsonPath("$.events[0].leafIndex").value(4))
                .andExpect(jsonPath("$.events[0].inclusionProof")
                        .value("/api/ledger/proofs/inclusion?eventId=" + EVENT_ID));

        verify(reads).record(INCIDENT, RecordIncidentRead.AUDIT_TRAIL);
    }

    @Test
    void anIncidentIdInUpperCaseNamesTheSameIncident() throws Exception {
        when(auditTrails.of(INCIDENT)).thenReturn(Optional.of(A_TRAIL));

        mvc.perform(get("/api/compliance/incidents/" + ID.toUpperCase() + "/audit-trail").with(as("commander")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidentId").value(ID));
    }

    @Test
    void theAuditTrailOfAnUnknownIncidentIsA404AndNoReadIsRecorded() throws Exception {
        when(auditTrails.of(INCIDENT)).thenReturn(Optional.empty());

        mvc.perform(get(TRAIL).with(as("regulator"))).andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(reads);
    }

    @Test
    void anAuditTrailOfSomethingThatIsNoIncidentIdIsA404() throws Exception {
        mvc.perform(get("/api/compliance/incidents/not-an-id/audit-trail").with(as("regulator")))
                .andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(auditTrails, reads);
    }

    // --- metrics ---

    @Test
    void metricsArePerSeverityWithCountsMeanMedianAndP90InSeconds() throws Exception {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-04-01T00:00:00Z");
        when(metrics.metrics(from, to, Period.MONTH, SeverityBasis.HIGHEST)).thenReturn(List.of(
                new Group("2026-01", Severity.HIGH, 2, ONE_HOUR, NONE, ONE_HOUR, NONE)));

        mvc.perform(get(METRICS + "?from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&period=month&basis=highest")
                        .with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("month"))
                .andExpect(jsonPath("$.severityBasis").value("highest"))
                .andExpect(jsonPath("$.percentileMethod").value("nearest-rank"))
                .andExpect(jsonPath("$.groups[0].period").value("2026-01"))
                .andExpect(jsonPath("$.groups[0].severity").value("HIGH"))
                .andExpect(jsonPath("$.groups[0].incidents").value(2))
                .andExpect(jsonPath("$.groups[0].timeToDetect.count").value(1))
                .andExpect(jsonPath("$.groups[0].timeToDetect.p90Seconds").value(3600.0))
                .andExpect(jsonPath("$.groups[0].timeToAcknowledge.count").value(0));
    }

    @Test
    void metricsDefaultToOneGroupPerCurrentSeverityOverAllTime() throws Exception {
        when(metrics.metrics(null, null, Period.ALL, SeverityBasis.CURRENT)).thenReturn(List.of());

        mvc.perform(get(METRICS).with(as("commander")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("all"))
                .andExpect(jsonPath("$.severityBasis").value("current"))
                .andExpect(jsonPath("$.groups").isEmpty());
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsA422() throws Exception {
        mvc.perform(get(METRICS + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").with(as("regulator")))
                .andExpect(problem(422, "invalid-period"));

        verifyNoInteractions(metrics);
    }

    @Test
    void anUnknownGroupingIsA422() throws Exception {
        mvc.perform(get(METRICS + "?period=fortnight").with(as("regulator")))
                .andExpect(problem(422, "invalid-parameter"));
        mvc.perform(get(METRICS + "?basis=average").with(as("regulator")))
                .andExpect(problem(422, "invalid-parameter"));

        verifyNoInteractions(metrics);
    }

    @Test
    void aTimeThatIsNoInstantIsA422() throws Exception {
        mvc.perform(get(METRICS + "?from=yesterday").with(as("regulator")))
                .andExpect(problem(422, "invalid-parameter"));
    }

    // --- access log ---

    @Test
    void theAccessLogListsWhoReadWhichIncidentAndWhen() throws Exception {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        when(accessLog.find(ID, "regulator", from, null, 0, 50)).thenReturn(new AccessLogPage(List.of(
                new AccessLogEntry(ID, "audit-trail", "regulator", "USER", List.of("REGULATOR"), READ_AT, EVENT_ID)),
                0, 50, 1));

        mvc.perform(get(ACCESS_LOG + "?incidentId=" + ID.toUpperCase() + "&reader=regulator&from=2026-03-01T00:00:00Z")
                        .with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].incidentId").value(ID))
                .andExpect(jsonPath("$.items[0].view").value("audit-trail"))
                .andExpect(jsonPath("$.items[0].reader").value("regulator"))
                .andExpect(jsonPath("$.items[0].readerRoles[0]").value("REGULATOR"))
                .andExpect(jsonPath("$.items[0].readAt").value("2026-03-01T12:00:00Z"));
    }

    /** The incident filter follows the one rule for an incident id (IncidentPaths), as the incident's paths do. */
    @ParameterizedTest(name = "incidentId={0} is a 422")
    @ValueSource(strings = {"not-an-id", "access-log:3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13", "1-1-1-1-1",
            "03f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13"})
    void anAccessLogFilteredBySomethingThatIsNoIncidentIdIsA422NamingTheParameter(String incidentId) throws Exception {
        mvc.perform(get(ACCESS_LOG).param("incidentId", incidentId).with(as("regulator")))
                .andExpect(problem(422, "invalid-parameter"))
                .andExpect(jsonPath("$.detail").value(containsString("'incidentId' must be an incident id")));

        verifyNoInteractions(accessLog);
    }

    @Test
    void anAccessLogPageLargerThanAllowedIsRefused() throws Exception {
        mvc.perform(get(ACCESS_LOG + "?size=501").with(as("regulator")))
                .andExpect(status().is4xxClientError());

        verifyNoInteractions(accessLog);
    }

    // --- authentication and roles ---

    @ParameterizedTest(name = "{0} may read every compliance view")
    @ValueSource(strings = {"regulator", "commander", "admin"})
    void regulatorsCommandersAndAdminsMayRead(String user) throws Exception {
        when(auditTrails.of(INCIDENT)).thenReturn(Optional.of(A_TRAIL));
        when(metrics.metrics(any(), any(), any(), any())).thenReturn(List.of());
        when(accessLog.find(any(), any(), any(), any(), anyInt(), anyInt()))
                .thenReturn(new AccessLogPage(List.of(), 0, 50, 0));

        for (String path : List.of(TRAIL, METRICS, ACCESS_LOG)) {
            mvc.perform(get(path).with(as(user))).andExpect(status().isOk());
        }
    }

    @ParameterizedTest(name = "{0} may not read the compliance views")
    @ValueSource(strings = {"responder", "detector"})
    void respondersAndDetectorsAreForbidden(String user) throws Exception {
        for (String path : List.of(TRAIL, METRICS, ACCESS_LOG)) {
            mvc.perform(get(path).with(as(user))).andExpect(problem(403, "forbidden"));
        }

        verifyNoInteractions(auditTrails, metrics, accessLog, reads);
    }

    @Test
    void withoutCredentialsEveryViewIsA401WithABasicChallenge() throws Exception {
        for (String path : List.of(TRAIL, METRICS, ACCESS_LOG)) {
            mvc.perform(get(path))
                    .andExpect(problem(401, "unauthenticated"))
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"incident-ledger\""));
        }

        verifyNoInteractions(auditTrails, metrics, accessLog, reads);
    }

    @Test
    void noOneMayWriteToTheComplianceViews() throws Exception {
        mvc.perform(post(ACCESS_LOG).with(as("regulator"))).andExpect(problem(405, "method-not-allowed"));
        mvc.perform(post(TRAIL).with(as("admin"))).andExpect(problem(405, "method-not-allowed"));

        verifyNoInteractions(accessLog, reads);
    }

    @Test
    void anAccessLogWithoutFiltersAsksForEverything() throws Exception {
        when(accessLog.find(isNull(), isNull(), isNull(), isNull(), eq(0), eq(50)))
                .thenReturn(new AccessLogPage(List.of(), 0, 50, 0));

        mvc.perform(get(ACCESS_LOG).with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
    }
}
