package io.incidentledger.incident.web;

import static io.incidentledger.incident.web.IncidentApiErrorsTest.problem;
import static io.incidentledger.incident.web.IncidentControllerTest.INCIDENT;
import static io.incidentledger.incident.web.IncidentControllerTest.NOW;
import static io.incidentledger.incident.web.IncidentControllerTest.as;
import static io.incidentledger.incident.web.IncidentControllerTest.sentCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.compliance.api.AssessRegimes;
import io.incidentledger.compliance.api.DetermineMateriality;
import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordRegulatoryClassification;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegulatoryClassification;
import io.incidentledger.compliance.api.Stage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The compliance facts API: a commander records them; everyone else, the regulator included, is refused. */
@IncidentControllerTest.IncidentApiSlice
class IncidentComplianceApiTest {

    private static final String COMPLIANCE = INCIDENT + "/compliance/";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Test
    void awarenessDefaultsToTheTimeOfTheRequest() throws Exception {
        send("commander", "awareness", "{\"basis\":\"SOC confirmed the alert\"}").andExpect(status().isNoContent());

        RecordAwareness command = sentCommand(commands, RecordAwareness.class);
        assertThat(command.awareAt()).isEqualTo(NOW);
        assertThat(command.basis()).isEqualTo("SOC confirmed the alert");
    }

    @Test
    void aClassificationCarriesItsTimeAndThePeopleAffectedPerState() throws Exception {
        send("commander", "classifications", """
                {"classification":"HIPAA_BREACH","classifiedAt":"2026-03-01T09:00:00Z",
                 "affectedByState":{"NY":620},"rationale":"PHI exported"}""").andExpect(status().isNoContent());

        RecordRegulatoryClassification command = sentCommand(commands, RecordRegulatoryClassification.class);
        assertThat(command.classification()).isEqualTo(RegulatoryClassification.HIPAA_BREACH);
        assertThat(command.classifiedAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(command.affectedByState()).isEqualTo(Map.of("NY", 620));
    }

    @Test
    void materialityRegimesAndSubmissionsBecomeTheirCommands() throws Exception {
        send("commander", "materiality", "{\"material\":true,\"rationale\":\"loss above threshold\"}")
                .andExpect(status().isNoContent());
        send("commander", "regimes", "{\"regimes\":[\"DORA\",\"GDPR\"],\"rationale\":\"EU CASP\"}")
                .andExpect(status().isNoContent());
        send("commander", "submissions", """
                {"stage":"DORA_INITIAL","authorityReference":"BaFin-1","reportSha256":"%s"}""".formatted("a".repeat(64)))
                .andExpect(status().isNoContent());

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, times(3)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).satisfiesExactly(
                first -> assertThat(((DetermineMateriality) first).material()).isTrue(),
                second -> assertThat(((AssessRegimes) second).regimes()).isEqualTo(List.of(Regime.DORA, Regime.GDPR)),
                third -> assertThat(((RecordReportSubmission) third).stage()).isEqualTo(Stage.DORA_INITIAL));
    }

    @Test
    void aTimeInTheFutureIsRefusedAndNothingIsSent() throws Exception {
        send("commander", "awareness", "{\"awareAt\":\"2026-03-02T12:00:00Z\",\"basis\":\"typo\"}")
                .andExpect(problem(422, "time-in-future"));
        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownClassificationIsRefusedAndNothingIsSent() throws Exception {
        send("commander", "classifications", "{\"classification\":\"MICA_MAJOR\",\"rationale\":\"x\"}")
                .andExpect(problem(422, "invalid-value"));
        verifyNoInteractions(commands);
    }

    @Test
    void aReportDigestThatIsNotSha256IsRefusedAndNothingIsSent() throws Exception {
        send("commander", "submissions", "{\"stage\":\"GDPR_SA_NOTIFICATION\",\"authorityReference\":\"x\","
                + "\"reportSha256\":\"abc\"}").andExpect(problem(422, "validation-failed"));
        verifyNoInteractions(commands);
    }

    @ParameterizedTest
    @ValueSource(strings = {"responder", "detector", "regulator", "admin"})
    void onlyACommanderRecordsComplianceFacts(String user) throws Exception {
        send(user, "awareness", "{\"basis\":\"x\"}").andExpect(problem(403, "forbidden"));
        send(user, "submissions", "{\"stage\":\"DORA_INITIAL\",\"authorityReference\":\"x\"}")
                .andExpect(problem(403, "forbidden"));
        verifyNoInteractions(commands);
    }

    private ResultActions send(String user, String path, String json) throws Exception {
        return mvc.perform(post(COMPLIANCE + path).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
