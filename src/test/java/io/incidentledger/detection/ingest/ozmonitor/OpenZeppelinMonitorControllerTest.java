package io.incidentledger.detection.ingest.ozmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.ingest.IngestApiSlice;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/detections/openzeppelin-monitor} over HTTP: the signature gate first, then the mapping. */
@IngestApiSlice
class OpenZeppelinMonitorControllerTest {

    static final String ID = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";
    static final String PATH = "/api/detections/openzeppelin-monitor";

    @Autowired
    MockMvc mvc;

    @Autowired
    DetectionCorrelator correlator;

    static String match() throws IOException {
        try (InputStream in = OpenZeppelinMonitorControllerTest.class
                .getResourceAsStream("/detection/ozmonitor/evm-match.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * The Stellar match of OpenZeppelinMonitorMappingTest with its ledger's metadata XDR as long as a real ledger's
     * (they run to megabytes): far beyond the API's 64 KiB.
     */
    static String largeStellarMatch(int metadataBytes) throws IOException {
        try (InputStream in = OpenZeppelinMonitorControllerTest.class
                .getResourceAsStream("/detection/ozmonitor/stellar-match.json")) {
            String match = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            byte[] metadata = new byte[metadataBytes];
            new java.util.Random(7).nextBytes(metadata);
            return match.replace("\"metadataXdr\":\"AAAAAgAAAAA=\"",
                    "\"metadataXdr\":\"" + java.util.Base64.getEncoder().encodeToString(metadata) + "\"");
        }
    }

    @BeforeEach
    void opensAnIncident() {
        when(correlator.correlate(any(), anyString()))
                .thenReturn(new DetectionCorrelator.Correlation(new IncidentId(ID), DetectionOutcome.OPENED));
    }

    ResultActions deliver(String body, String secret, Instant sentAt) throws Exception {
        String timestamp = Long.toString(sentAt.toEpochMilli());
        String signature = WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8), timestamp);
        return mvc.perform(post(PATH).with(httpBasic("detector", "detector-pw"))
                .contentType(MediaType.APPLICATION_JSON).content(body)
                .header("X-Signature", signature).header("X-Timestamp", timestamp));
    }

    Detection correlated() {
        ArgumentCaptor<Detection> detection = ArgumentCaptor.forClass(Detection.class);
        verify(correlator).correlate(detection.capture(), anyString());
        return detection.getValue();
    }

    @Test
    void aDeliverySignedWithTheSecretIsAccepted() throws Exception {
        deliver(match(), IngestApiSlice.SECRET, IngestApiSlice.NOW.minusSeconds(2))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.incidentId").value(ID))
                .andExpect(jsonPath("$.outcome").value("OPENED"));
    }

    @Test
    void anAcceptedMatchIsCorrelatedAsMapped() throws Exception {
        Instant sentAt = IngestApiSlice.NOW.minusSeconds(2);

        deliver(match(), IngestApiSlice.SECRET, sentAt).andExpect(status().isCreated());

        Detection detection = correlated();
        assertThat(detection.source()).isEqualTo(DetectionSource.OPENZEPPELIN_MONITOR);
        assertThat(detection.sourceAlertId()).isEqualTo("Large Transfer of USDC Token:ethereum_mainnet:"
                + "0x9c1c2f5e0e4a3d2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a3");
        assertThat(detection.chainId()).isEqualTo("ethereum_mainnet");
        assertThat(detection.addresses()).containsExactly("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
                "0x00000000000000000000000000000000000000a1");
        assertThat(detection.transactions())
                .containsExactly("0x9c1c2f5e0e4a3d2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a3");
        assertThat(detection.correlationKey()).isEqualTo(
                "oz-monitor:Large Transfer of USDC Token:ethereum_mainnet:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
        assertThat(detection.description()).contains("events Transfer(address,address,uint256)");
        assertThat(detection.observedAt()).isEqualTo(sentAt);
        assertThat(detection.receivedAt()).isEqualTo(IngestApiSlice.NOW);
    }

    @Test
    void theMonitorNameIsTheIncidentTitle() throws Exception {
        deliver(match(), IngestApiSlice.SECRET, IngestApiSlice.NOW).andExpect(status().isCreated());

        verify(correlator).correlate(any(), eq("Large Transfer of USDC Token"));
    }

    @Test
    void aMappedMonitorGetsItsSeverityAndCategory() throws Exception {
        deliver(match(), IngestApiSlice.SECRET, IngestApiSlice.NOW).andExpect(status().isCreated());

        Detection detection = correlated();
        assertThat(detection.severity()).isEqualTo(Severity.HIGH);
        assertThat(detection.category()).isEqualTo(Category.FRAUDULENT_TRANSACTION);
    }

    @Test
    void anUnknownMonitorGetsTheDefault() throws Exception {
        String body = match().replace("Large Transfer of USDC Token", "Ownership changes");

        deliver(body, IngestApiSlice.SECRET, IngestApiSlice.NOW).andExpect(status().isCreated());

        Detection detection = correlated();
        assertThat(detection.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(detection.category()).isEqualTo(Category.OTHER);
    }

    @Test
    void aWrongSecretIs401AndNothingIsRecorded() throws Exception {
        deliver(match(), "not-the-secret", IngestApiSlice.NOW)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid-signature"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aBodyChangedAfterSigningIs401() throws Exception {
        String timestamp = Long.toString(IngestApiSlice.NOW.toEpochMilli());
        String signature = WebhookSignature.sign(IngestApiSlice.SECRET,
                match().getBytes(StandardCharsets.UTF_8), timestamp);

        mvc.perform(post(PATH).with(httpBasic("detector", "detector-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(match().replace("0x0\"", "0x1\""))
                        .header("X-Signature", signature).header("X-Timestamp", timestamp))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid-signature"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aStaleTimestampIs401() throws Exception {
        deliver(match(), IngestApiSlice.SECRET, IngestApiSlice.NOW.minus(Duration.ofMinutes(5)).minusMillis(1))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid-signature"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aTimestampFromTheFutureBeyondTheToleranceIs401() throws Exception {
        deliver(match(), IngestApiSlice.SECRET, IngestApiSlice.NOW.plus(Duration.ofMinutes(5)).plusMillis(1))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }

    @Test
    void aReplayedDeliveryOutsideTheToleranceIs401() throws Exception {
        // a delivery validly signed an hour ago, captured and sent again now
        deliver(match(), IngestApiSlice.SECRET, IngestApiSlice.NOW.minus(Duration.ofHours(1)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("X-Timestamp is outside the accepted window of PT5M"));
        verifyNoInteractions(correlator);
    }

    @Test
    void missingSignatureHeadersAre401() throws Exception {
        mvc.perform(post(PATH).with(httpBasic("detector", "detector-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(match()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid-signature"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aMissingTimestampHeaderIs401() throws Exception {
        String signature = WebhookSignature.sign(IngestApiSlice.SECRET, match().getBytes(StandardCharsets.UTF_8),
                Long.toString(IngestApiSlice.NOW.toEpochMilli()));

        mvc.perform(post(PATH).with(httpBasic("detector", "detector-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(match()).header("X-Signature", signature))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400() throws Exception {
        deliver("{\"EVM\": ", IngestApiSlice.SECRET, IngestApiSlice.NOW)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aSignedMatchWithoutMonitorNameIs422() throws Exception {
        deliver(match().replace("\"name\":\"Large Transfer of USDC Token\",", ""), IngestApiSlice.SECRET,
                IngestApiSlice.NOW)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-detection"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aRoleOtherThanDetectorIs403EvenWhenSigned() throws Exception {
        String timestamp = Long.toString(IngestApiSlice.NOW.toEpochMilli());
        String signature = WebhookSignature.sign(IngestApiSlice.SECRET, match().getBytes(StandardCharsets.UTF_8),
                timestamp);

        mvc.perform(post(PATH).with(httpBasic("responder", "responder-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(match())
                        .header("X-Signature", signature).header("X-Timestamp", timestamp))
                .andExpect(status().isForbidden());
        verifyNoInteractions(correlator);
    }

    @Test
    void aStellarMatchWithItsLedgerMetadataFitsTheEndpointsOwnLimit() throws Exception {
        String body = largeStellarMatch(3 * 1024 * 1024);
        assertThat(body.length()).isGreaterThan(4 * 1024 * 1024);

        deliver(body, IngestApiSlice.SECRET, IngestApiSlice.NOW).andExpect(status().isCreated());

        assertThat(correlated().correlationKey()).endsWith(":CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSC4");
    }

    @Test
    void aMatchAboveTheEndpointsOwnLimitIs413() throws Exception {
        // the slice sets the endpoint's limit to 8 MiB
        deliver(largeStellarMatch(7 * 1024 * 1024), IngestApiSlice.SECRET, IngestApiSlice.NOW)
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("payload-too-large"));
        verifyNoInteractions(correlator);
    }
}
