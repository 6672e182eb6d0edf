package io.incidentledger.detection.ingest.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.incidentledger.detection.DetectionProperties;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.RawBodyDigest;
import io.incidentledger.web.RequestSizeLimitFilter;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * {@code POST /api/transactions} in a web slice: the real security chain, exception handler, size-limit filter and
 * rules, the correlator mocked. The rules are configured in the test properties: a 100 ETH large-transfer threshold
 * and one denylisted address; batches hold at most 3 transactions, bodies at most 4096 bytes.
 */
@WebMvcTest(TransactionController.class)
@Import({SecurityConfiguration.class, ProblemResponseWriter.class, RequestSizeLimitFilter.class,
        TransactionRules.class, BatchCorrelator.class, TransactionIngest.class,
        TransactionControllerTest.FixedClock.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class, TransactionRulesProperties.class,
        TransactionIngestProperties.class, DetectionProperties.class})
@TestPropertySource(properties = {
        "incident-ledger.api.max-request-bytes=4096",
        "incident-ledger.api.max-batch-request-bytes=4096",
        "incident-ledger.detection.transactions.max-batch-size=3",
        // application.yml's defaults also enable these: off, so that only the two rules above run
        "incident-ledger.detection.rules.privileged-call.enabled=false",
        "incident-ledger.detection.rules.failed-transaction-spike.enabled=false",
        "incident-ledger.detection.rules.large-transfer.version=3",
        "incident-ledger.detection.rules.large-transfer.thresholds[0].chain=ethereum",
        "incident-ledger.detection.rules.large-transfer.thresholds[0].asset=ETH",
        "incident-ledger.detection.rules.large-transfer.thresholds[0].threshold=100",
        "incident-ledger.detection.rules.denylist.addresses[0].address=" + TransactionControllerTest.DENIED,
        "incident-ledger.detection.rules.denylist.addresses[0].reason=test list",
        TestUsers.ONE_PER_ROLE,
})
class TransactionControllerTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String DENIED = "0x00000000000000000000000000000000000dead1";
    static final String INCIDENT = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";
    static final String LARGE = """
            {"chain":"ethereum","hash":"0xaaa","block":19000000,"timestamp":"2026-03-01T11:59:48Z",
             "from":"0xA11CE00000000000000000000000000000000001","to":"0xb0b0000000000000000000000000000000000002",
             "asset":"ETH","amount":"150.5","status":"SUCCESS"}""";
    static final String SMALL = """
            {"chain":"ethereum","hash":"0xbbb","block":19000001,"from":"0xa11ce00000000000000000000000000000000001",
             "to":"0xb0b0000000000000000000000000000000000002","asset":"ETH","amount":"100","method":null,
             "status":"FAILED"}""";

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

    @BeforeEach
    void correlatorOpensAnIncident() {
        reset(correlator);
        when(correlator.correlate(any(), anyString())).thenReturn(
                new DetectionCorrelator.Correlation(new IncidentId(INCIDENT), DetectionOutcome.OPENED));
    }

    private ResultActions send(String user, String contentType, String body) throws Exception {
        return mvc.perform(post("/api/transactions").with(httpBasic(user, user + "-pw"))
                .contentType(contentType).content(body));
    }

    private ResultActions json(String body) throws Exception {
        return send("detector", MediaType.APPLICATION_JSON_VALUE, body);
    }

    @Test
    void theExampleBatchInBothFormatsRaisesTheLargeTransferAndTheDenylistHit() throws Exception {
        for (String example : new String[] {"batch.json", "batch.ndjson"}) {
            String body = new String(getClass().getResourceAsStream("/detection/transactions/" + example)
                    .readAllBytes(), StandardCharsets.UTF_8);
            String contentType = example.endsWith(".ndjson") ? TransactionController.NDJSON
                    : MediaType.APPLICATION_JSON_VALUE;

            send("detector", contentType, body)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.transactions").value(3))
                    .andExpect(jsonPath("$.hits").value(2))
                    .andExpect(jsonPath("$.detections[*].ruleId")
                            .value(containsInAnyOrder("large-transfer", "denylisted-address")));
        }
    }

    @Test
    void aJsonArrayIsEvaluatedAndALargeTransferBecomesARuleDetection() throws Exception {
        String body = "[" + LARGE + "," + SMALL + "]";

        json(body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.transactions").value(2))
                .andExpect(jsonPath("$.rules").value(2))
                .andExpect(jsonPath("$.hits").value(1))
                .andExpect(jsonPath("$.detections[0].ruleId").value("large-transfer"))
                .andExpect(jsonPath("$.detections[0].ruleVersion").value("3"))
                .andExpect(jsonPath("$.detections[0].transaction").value("0xaaa"))
                .andExpect(jsonPath("$.detections[0].sourceAlertId").value("large-transfer:0xaaa"))
                .andExpect(jsonPath("$.detections[0].incidentId").value(INCIDENT))
                .andExpect(jsonPath("$.detections[0].outcome").value("OPENED"));

        ArgumentCaptor<Detection> detection = ArgumentCaptor.forClass(Detection.class);
        verify(correlator).correlate(detection.capture(), eq("Large transfer of 150.5 ETH on ethereum"));
        Detection sent = detection.getValue();
        assertThat(sent.source()).isEqualTo(DetectionSource.TRANSACTION_RULE);
        assertThat(sent.sourceAlertId()).isEqualTo("large-transfer:0xaaa");
        assertThat(sent.ruleId()).isEqualTo("large-transfer");
        assertThat(sent.ruleVersion()).isEqualTo("3");
        assertThat(sent.severity()).isEqualTo(Severity.HIGH);
        assertThat(sent.nativeSeverity()).isEqualTo("HIGH");
        assertThat(sent.category()).isEqualTo(Category.FRAUDULENT_TRANSACTION);
        assertThat(sent.chainId()).isEqualTo("ethereum");
        assertThat(sent.addresses()).containsExactly("0xa11ce00000000000000000000000000000000001",
                "0xb0b0000000000000000000000000000000000002");
        assertThat(sent.transactions()).containsExactly("0xaaa");
        assertThat(sent.labels()).isEmpty();
        assertThat(sent.correlationKey())
                .isEqualTo("rule:large-transfer:ethereum:0xa11ce00000000000000000000000000000000001");
        assertThat(sent.payloadSha256()).isEqualTo(RawBodyDigest.sha256(body.getBytes()));
        assertThat(sent.observedAt()).isEqualTo(Instant.parse("2026-03-01T11:59:48Z"));
        assertThat(sent.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void ndjsonIsAcceptedOneTransactionALineIgnoringBlankLines() throws Exception {
        String body = SMALL.replace("\n", "") + "\n\n" + LARGE.replace("\n", "").replace("0xaaa", "0xccc")
                .replace("0xb0b0000000000000000000000000000000000002", DENIED) + "\n";

        send("detector", "application/x-ndjson", body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.transactions").value(2))
                .andExpect(jsonPath("$.hits").value(2))
                .andExpect(jsonPath("$.detections[0].ruleId").value("large-transfer"))
                .andExpect(jsonPath("$.detections[1].ruleId").value("denylisted-address"))
                .andExpect(jsonPath("$.detections[1].transaction").value("0xccc"));
    }

    @Test
    void aBatchWithoutHitsIsEvaluatedAndCorrelatesNothing() throws Exception {
        json("[" + SMALL + "]")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.transactions").value(1))
                .andExpect(jsonPath("$.hits").value(0))
                .andExpect(jsonPath("$.detections").isEmpty());
        verify(correlator, never()).correlate(any(), any());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        json("[" + LARGE).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"));
        send("detector", "application/x-ndjson", SMALL.replace("\n", "") + "\n{\"chain\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"))
                .andExpect(jsonPath("$.line").value(2));
    }

    @Test
    void anUnknownStatusIs422NamingTheIndexAndField() throws Exception {
        json("[" + SMALL + "," + LARGE.replace("SUCCESS", "PENDING") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-transaction"))
                .andExpect(jsonPath("$.index").value(1))
                .andExpect(jsonPath("$.field").value("status"));
        verify(correlator, never()).correlate(any(), any());
    }

    @Test
    void aWrongTypeIs422NamingTheIndexAndField() throws Exception {
        json("[" + LARGE.replace("19000000", "\"19000000\"") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-transaction"))
                .andExpect(jsonPath("$.index").value(0))
                .andExpect(jsonPath("$.field").value("block"));
        json("[" + LARGE.replace("\"150.5\"", "150.5") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("amount"));
        json("[" + LARGE.replace("\"2026-03-01T11:59:48Z\"", "\"yesterday\"") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("timestamp"));
        json("{\"chain\":\"ethereum\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-batch"));
    }

    @Test
    void missingAndUnknownFieldsAre422() throws Exception {
        json("[" + LARGE.replace("\"hash\":\"0xaaa\",", "") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("hash"));
        json("[" + LARGE.replace("\"asset\":\"ETH\",", "") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("asset"));
        json("[" + LARGE.replace("\"asset\"", "\"gas\":1,\"asset\"") + "]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("gas"));
    }

    @Test
    void anEmptyBatchIs422() throws Exception {
        json("[]").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("empty-batch"));
        send("detector", "application/x-ndjson", "\n  \n").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("empty-batch"));
    }

    @Test
    void aBatchAboveTheMaximumIs413() throws Exception {
        json("[" + SMALL + "," + SMALL + "," + SMALL + "," + SMALL + "]")
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("batch-too-large"));
        verify(correlator, never()).correlate(any(), any());
    }

    @Test
    void aBodyAboveTheRequestLimitIs413() throws Exception {
        json("[" + LARGE + " ".repeat(5000) + "]")
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("payload-too-large"));
    }

    @Test
    void onlyDetectorsMaySendTransactions() throws Exception {
        send("responder", MediaType.APPLICATION_JSON_VALUE, "[" + LARGE + "]")
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/transactions").contentType(MediaType.APPLICATION_JSON).content("[" + LARGE + "]"))
                .andExpect(status().isUnauthorized());
        verify(correlator, never()).correlate(any(), any());
    }

    @Test
    void anotherContentTypeIs415() throws Exception {
        send("detector", MediaType.TEXT_PLAIN_VALUE, "[" + LARGE + "]")
                .andExpect(status().isUnsupportedMediaType());
    }

}
