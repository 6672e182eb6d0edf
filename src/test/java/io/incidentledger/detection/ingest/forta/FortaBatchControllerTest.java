package io.incidentledger.detection.ingest.forta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.ingest.IngestApiSlice;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.testing.FortaScanNodes;
import io.incidentledger.web.RawBodyDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/detections/forta/batch} over HTTP: a scan node's webhook batch, written as forta-core-go's
 * webhook models marshal it (clients/webhook/client/models, protocol/transform/transform.go {@code ToWebhookAlert}):
 * the protocol's enum names, hex block timestamps, {@code null} lists, a combiner alert without block, and metrics.
 */
@IngestApiSlice
class FortaBatchControllerTest {

    static final String PATH = "/api/detections/forta/batch";
    static final String ID = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";

    @Autowired
    MockMvc mvc;

    @Autowired
    DetectionCorrelator correlator;

    @BeforeEach
    void opensAnIncident() {
        when(correlator.correlate(any(), anyString()))
                .thenReturn(new DetectionCorrelator.Correlation(new IncidentId(ID), DetectionOutcome.OPENED));
    }

    ResultActions postAs(String user, String body) throws Exception {
        return mvc.perform(post(PATH).with(httpBasic(user, user + "-pw"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    List<Detection> correlated(int count) {
        ArgumentCaptor<Detection> detection = ArgumentCaptor.forClass(Detection.class);
        verify(correlator, times(count)).correlate(detection.capture(), anyString());
        return detection.getAllValues();
    }

    @Test
    void everyAlertOfAScanNodesBatchIsCorrelatedAndAnsweredWith200() throws Exception {
        String body = FortaControllerTest.resource("webhook-batch.json");

        postAs("detector", body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alerts").value(3))
                .andExpect(jsonPath("$.recorded").value(3))
                .andExpect(jsonPath("$.refused").value(0))
                .andExpect(jsonPath("$.results[0].index").value(0))
                .andExpect(jsonPath("$.results[0].alertId").value("TOKEN-TRANSFER"))
                .andExpect(jsonPath("$.results[0].incidentId").value(ID))
                .andExpect(jsonPath("$.results[0].outcome").value("OPENED"))
                .andExpect(jsonPath("$.results[2].hash")
                        .value("0x3b0b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"));

        List<Detection> detections = correlated(3);
        Detection transfer = detections.stream().filter(d -> d.name().equals("Token transfer")).findFirst()
                .orElseThrow();
        assertThat(transfer.nativeSeverity()).isEqualTo("INFO");
        assertThat(transfer.category()).isEqualTo(Category.OTHER);
        assertThat(transfer.chainId()).isEqualTo("1");
        assertThat(transfer.sourceAlertId())
                .isEqualTo("0x1f0b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
        // the webhook lists a transaction's addresses as the keys of a Go map, in no order: the lowest is the subject
        assertThat(transfer.correlationKey())
                .isEqualTo("forta:TOKEN-TRANSFER:1:0x00000000000000000000000000000000000000b0");
        assertThat(transfer.payloadSha256()).isEqualTo(RawBodyDigest.sha256(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(transfer.observedAt()).isEqualTo(Instant.parse("2026-02-28T23:59:58.123456Z"));
        Detection exploit = detections.stream().filter(d -> d.name().equals("Exploit")).findFirst().orElseThrow();
        assertThat(exploit.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(exploit.category()).isEqualTo(Category.SMART_CONTRACT_EXPLOIT);
        Detection combined = detections.stream().filter(d -> d.name().equals("Combined alert")).findFirst()
                .orElseThrow();
        assertThat(combined.nativeSeverity()).isEqualTo("UNKNOWN");
        assertThat(combined.chainId()).isNull();
    }

    @Test
    void aBadAlertIsNamedByItsIndexAndTheOthersAreStillRecorded() throws Exception {
        String body = FortaControllerTest.resource("webhook-batch.json")
                .replace("\"severity\":\"CRITICAL\"", "\"severity\":\"APOCALYPTIC\"");

        postAs("detector", body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(2))
                .andExpect(jsonPath("$.refused").value(1))
                .andExpect(jsonPath("$.results[1].index").value(1))
                .andExpect(jsonPath("$.results[1].alertId").value("EXPLOITER-ALERT"))
                .andExpect(jsonPath("$.results[1].code").value("invalid-detection"))
                .andExpect(jsonPath("$.results[1].detail").value(org.hamcrest.Matchers.containsString("severity")))
                .andExpect(jsonPath("$.results[1].incidentId").doesNotExist())
                .andExpect(jsonPath("$.results[2].outcome").value("OPENED"));

        assertThat(correlated(2)).extracting(Detection::name).containsExactlyInAnyOrder("Token transfer",
                "Combined alert");
    }

    @Test
    void aBatchWithMetricsOnlyIsAnsweredWithNoResults() throws Exception {
        postAs("detector", "{\"metrics\":[{\"botId\":\"0x17\",\"metrics\":[],\"timestamp\":\"2026-03-01T00:00:00Z\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alerts").value(0))
                .andExpect(jsonPath("$.results").isEmpty());
        verifyNoInteractions(correlator);
    }

    @Test
    void aBodyThatIsNoBatchIs422AndRecordsNothing() throws Exception {
        postAs("detector", "{\"alerts\": {\"alertId\": \"X\"}}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-batch"));
        postAs("detector", "[]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-batch"));
        verifyNoInteractions(correlator);
    }

    @Test
    void moreAlertsThanTheLimitIs413AndRecordsNothing() throws Exception {
        String alert = "{\"alertId\":\"A\",\"name\":\"n\",\"severity\":\"LOW\"}";
        postAs("detector", "{\"alerts\":[" + String.join(",", java.util.Collections.nCopies(6, alert)) + "]}")
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("batch-too-large"));
        verifyNoInteractions(correlator);
    }

    @Test
    void alertsWithoutIdsOfTheirOwnAreToldApartByTheirPlace() throws Exception {
        String alert = "{\"alertId\":\"A\",\"name\":\"n\",\"severity\":\"LOW\"}";
        String body = "{\"alerts\":[" + alert + "," + alert + "]}";

        postAs("detector", body).andExpect(status().isOk());

        String digest = RawBodyDigest.sha256(body.getBytes(StandardCharsets.UTF_8));
        assertThat(correlated(2)).extracting(Detection::sourceAlertId)
                .containsExactlyInAnyOrder("batch:" + digest + ":0", "batch:" + digest + ":1");
    }

    @Test
    void aRoleOtherThanDetectorIs403() throws Exception {
        postAs("responder", FortaControllerTest.resource("webhook-batch.json"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(correlator);
    }

    @Test
    void aBodyAboveTheBatchLimitIs413() throws Exception {
        // the slice sets max-batch-request-bytes to 1 MiB
        String body = "{\"alerts\":[],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        postAs("detector", body)
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("payload-too-large"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aBatchIsAcceptedAboveTheSingleAlertLimit() throws IOException, Exception {
        String body = FortaControllerTest.resource("webhook-batch.json")
                .replace("\"metrics\":[", "\"pad\":\"" + "x".repeat(70 * 1024) + "\",\"metrics\":[");

        postAs("detector", body).andExpect(status().isOk());
    }

    static final String SCAN_NODE_SEED = FortaScanNodes.SEED;

    static String scanNodeJwt(String seed, Instant madeAt, String jti) {
        return FortaScanNodes.jwt(seed, madeAt, jti);
    }

    ResultActions postWithBearer(String token, String path, String body) throws Exception {
        return mvc.perform(post(path).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aConfiguredScanNodesOwnJwtAuthenticatesItsBatchAsADetector() throws Exception {
        String token = scanNodeJwt(SCAN_NODE_SEED, IngestApiSlice.NOW.minusSeconds(1),
                "4f1c7c2e-0b3a-11f1-9c1e-0242ac120002");

        postWithBearer(token, PATH, FortaControllerTest.resource("webhook-batch.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(3));
    }

    @Test
    void aScanNodeJwtIsAcceptedOnceOnly() throws Exception {
        String token = scanNodeJwt(SCAN_NODE_SEED, IngestApiSlice.NOW, "5e2d8d3f-0b3a-11f1-9c1e-0242ac120002");
        String body = FortaControllerTest.resource("webhook-batch.json");

        postWithBearer(token, PATH, body).andExpect(status().isOk());
        postWithBearer(token, PATH, body).andExpect(status().isUnauthorized());
    }

    @Test
    void aScanNodeJwtOfAnUnconfiguredNodeIsRefused() throws Exception {
        postWithBearer(scanNodeJwt("another node", IngestApiSlice.NOW, "6f3e9e40-0b3a-11f1-9c1e-0242ac120002"), PATH,
                FortaControllerTest.resource("webhook-batch.json"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }

    @Test
    void anExpiredScanNodeJwtIsRefused() throws Exception {
        postWithBearer(scanNodeJwt(SCAN_NODE_SEED, IngestApiSlice.NOW.minusSeconds(120),
                        "7a4fa051-0b3a-11f1-9c1e-0242ac120002"), PATH,
                FortaControllerTest.resource("webhook-batch.json"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }

    @Test
    void aScanNodeJwtWhoseClaimsWereAlteredIsRefused() throws Exception {
        String[] parts = scanNodeJwt(SCAN_NODE_SEED, IngestApiSlice.NOW, "8b50b162-0b3a-11f1-9c1e-0242ac120002")
                .split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("8b50b162", "9c61c273");
        String altered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        postWithBearer(altered, PATH, FortaControllerTest.resource("webhook-batch.json"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }

    @Test
    void aScanNodeJwtMeansNothingOnAnyOtherEndpoint() throws Exception {
        postWithBearer(scanNodeJwt(SCAN_NODE_SEED, IngestApiSlice.NOW, "ad72d384-0b3a-11f1-9c1e-0242ac120002"),
                "/api/detections/forta", FortaControllerTest.resource("alert.json"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }
}
