package io.incidentledger.detection.ingest.forta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.ingest.IngestApiSlice;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.web.RawBodyDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/detections/forta} over HTTP: mapping, refusals and roles. */
@IngestApiSlice
class FortaControllerTest {

    static final String ID = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";

    @Autowired
    MockMvc mvc;

    @Autowired
    DetectionCorrelator correlator;

    static String resource(String name) throws IOException {
        try (InputStream in = FortaControllerTest.class.getResourceAsStream("/detection/forta/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void opensAnIncident() {
        when(correlator.correlate(any(), anyString()))
                .thenReturn(new DetectionCorrelator.Correlation(new IncidentId(ID), DetectionOutcome.OPENED));
    }

    ResultActions postAs(String user, String body) throws Exception {
        return mvc.perform(post("/api/detections/forta").with(httpBasic(user, user + "-pw"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    Detection correlated() {
        ArgumentCaptor<Detection> detection = ArgumentCaptor.forClass(Detection.class);
        verify(correlator).correlate(detection.capture(), anyString());
        return detection.getValue();
    }

    @Test
    void anAlertOpensAnIncident() throws Exception {
        postAs("detector", resource("alert.json"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/incidents/" + ID))
                .andExpect(jsonPath("$.incidentId").value(ID))
                .andExpect(jsonPath("$.outcome").value("OPENED"));
    }

    @Test
    void anAlertIsCorrelatedAsMappedWithTheRawPayloadHashAndReceiptTime() throws Exception {
        String body = resource("alert.json");

        postAs("detector", body).andExpect(status().isCreated());

        Detection detection = correlated();
        assertThat(detection.source()).isEqualTo(DetectionSource.FORTA);
        assertThat(detection.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(detection.category()).isEqualTo(Category.SMART_CONTRACT_EXPLOIT);
        assertThat(detection.correlationKey())
                .isEqualTo("forta:ATTACK-DETECTOR-1:1:0xa11ce0000000000000000000000000000000beef");
        assertThat(detection.payloadSha256())
                .isEqualTo(RawBodyDigest.sha256(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(detection.receivedAt()).isEqualTo(IngestApiSlice.NOW);
    }

    @Test
    void theAlertNameIsTheIncidentTitle() throws Exception {
        postAs("detector", resource("alert.json")).andExpect(status().isCreated());

        verify(correlator).correlate(any(), org.mockito.ArgumentMatchers.eq("Attack detected"));
    }

    @Test
    void aFindingIsAccepted() throws Exception {
        postAs("detector", resource("finding.json")).andExpect(status().isCreated());

        assertThat(correlated().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void fieldsFortaAddsLaterDoNotFailTheStrictBinding() throws Exception {
        String body = resource("alert.json").replaceFirst("\\{", "{\"someFutureField\":{\"x\":1},");

        postAs("detector", body).andExpect(status().isCreated());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        postAs("detector", "{\"alertId\": ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aMissingRequiredFieldIs422() throws Exception {
        postAs("detector", resource("alert.json").replace("\"name\": \"Attack detected\",", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-detection"))
                .andExpect(jsonPath("$.detail").value("field 'name' is required"));
        verifyNoInteractions(correlator);
    }

    @Test
    void anUnknownSeverityIs422() throws Exception {
        postAs("detector", resource("alert.json").replace("\"CRITICAL\"", "\"APOCALYPTIC\""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-detection"));
        verifyNoInteractions(correlator);
    }

    @Test
    void aRoleOtherThanDetectorIs403() throws Exception {
        postAs("responder", resource("alert.json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        verifyNoInteractions(correlator);
    }

    @Test
    void noCredentialsIs401() throws Exception {
        mvc.perform(post("/api/detections/forta").contentType(MediaType.APPLICATION_JSON)
                        .content(resource("alert.json")))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(correlator);
    }
}
