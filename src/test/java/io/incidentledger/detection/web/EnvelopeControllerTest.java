package io.incidentledger.detection.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.RequestSizeLimitFilter;
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
import org.springframework.test.web.servlet.ResultActions;

/** The generic envelope: what a detector may send, what it becomes, and every refusal. */
@WebMvcTest(EnvelopeController.class)
@Import({SecurityConfiguration.class, ProblemResponseWriter.class, RequestSizeLimitFilter.class, Detections.class,
        EnvelopeControllerTest.FixedClock.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class})
@TestPropertySource(properties = {
        "incident-ledger.api.max-request-bytes=4096",
        TestUsers.ONE_PER_ROLE
})
class EnvelopeControllerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final IncidentId INCIDENT = new IncidentId("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    private static final String ENVELOPE = """
            {"source":"siem","sourceAlertId":"a-42","name":"Drainer approval","description":"approved a drainer",
             "severity":"HIGH","category":"FRAUDULENT_TRANSACTION","chainId":"1","transactions":["0xabc"],
             "addresses":["0xDrainer"],"labels":[{"label":"drainer","entity":"0xDrainer","confidence":0.9}],
             "observedAt":"2026-03-01T11:59:00Z","rawPayload":{"id":42}}""";

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DetectionCorrelator correlator;

    @Test
    void aNewDetectionOpensAnIncidentAndAnswers201WithItsLocation() throws Exception {
        when(correlator.correlate(any(), any()))
                .thenReturn(new DetectionCorrelator.Correlation(INCIDENT, DetectionOutcome.OPENED));

        send("detector", ENVELOPE)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/incidents/" + INCIDENT))
                .andExpect(jsonPath("$.outcome").value("OPENED"));

        ArgumentCaptor<Detection> sent = ArgumentCaptor.forClass(Detection.class);
        verify(correlator).correlate(sent.capture(), eq("Drainer approval"));
        Detection detection = sent.getValue();
        assertThat(detection.source()).isEqualTo(DetectionSource.GENERIC);
        assertThat(detection.sourceAlertId()).isEqualTo("siem/a-42");
        assertThat(detection.severity()).isEqualTo(Severity.HIGH);
        assertThat(detection.category()).isEqualTo(Category.FRAUDULENT_TRANSACTION);
        assertThat(detection.correlationKey()).isEqualTo("generic:siem:Drainer approval:1:0xdrainer");
        assertThat(detection.payloadSha256()).isEqualTo(sha256(ENVELOPE));
        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
        assertThat(detection.receivedAt()).isEqualTo(NOW);
        assertThat(detection.labels()).singleElement()
                .satisfies(label -> assertThat(label.confidence()).isEqualTo(0.9));
    }

    @Test
    void theExampleEnvelopeIsAccepted() throws Exception {
        when(correlator.correlate(any(), any()))
                .thenReturn(new DetectionCorrelator.Correlation(INCIDENT, DetectionOutcome.OPENED));
        String example = new String(getClass().getResourceAsStream("/detection/generic/envelope.json").readAllBytes(),
                StandardCharsets.UTF_8);

        send("detector", example).andExpect(status().isCreated());

        ArgumentCaptor<Detection> sent = ArgumentCaptor.forClass(Detection.class);
        verify(correlator).correlate(sent.capture(), eq("Drainer contract interaction"));
        assertThat(sent.getValue().labels()).hasSize(2);
        assertThat(sent.getValue().correlationKey())
                .isEqualTo("generic:siem:Drainer contract interaction:1:0x00000000ae347930bd1e7b0f35588b92280f9e75");
    }

    @Test
    void aDetectionThatJoinsAnOpenIncidentAnswers200() throws Exception {
        when(correlator.correlate(any(), any()))
                .thenReturn(new DetectionCorrelator.Correlation(INCIDENT, DetectionOutcome.DUPLICATE));

        send("detector", ENVELOPE)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidentId").value(INCIDENT.value()))
                .andExpect(jsonPath("$.outcome").value("DUPLICATE"));
    }

    @Test
    void onlyADetectorMaySendDetections() throws Exception {
        send("responder", ENVELOPE).andExpect(status().isForbidden());
        verifyNoInteractions(correlator);
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        expectProblem(send("detector", "{\"source\":"), 400, "malformed-request");
    }

    @Test
    void anUnknownSeverityIsA422() throws Exception {
        expectProblem(send("detector", ENVELOPE.replace("\"HIGH\"", "\"SEVERE\"")), 422, "invalid-value");
    }

    @Test
    void aWrongTypeIsA422() throws Exception {
        expectProblem(send("detector", ENVELOPE.replace("\"addresses\":[\"0xDrainer\"]", "\"addresses\":{}")), 422,
                "invalid-value");
    }

    @Test
    void aMissingNameIsA422() throws Exception {
        expectProblem(send("detector", ENVELOPE.replace("\"name\":\"Drainer approval\",", "")), 422,
                "validation-failed");
    }

    @Test
    void aConfidenceAboveOneIsA422() throws Exception {
        expectProblem(send("detector", ENVELOPE.replace("0.9", "1.5")), 422, "validation-failed");
    }

    @Test
    void anOversizedDetectionIsA413() throws Exception {
        expectProblem(send("detector", ENVELOPE.replace("approved a drainer", "x".repeat(5000))), 413,
                "payload-too-large");
    }

    private ResultActions send(String user, String body) throws Exception {
        return mvc.perform(post("/api/detections").with(httpBasic(user, user + "-pw"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void expectProblem(ResultActions result, int status, String code) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(code));
        verifyNoInteractions(correlator);
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
