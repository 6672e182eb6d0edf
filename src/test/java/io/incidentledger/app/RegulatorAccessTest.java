package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A regulator reads and never acts: every state-changing endpoint the application maps (found from the running
 * application, so a new one cannot be forgotten) answers a regulator 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:regulator;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint"
})
class RegulatorAccessTest {

    private static final Set<RequestMethod> CHANGING = Set.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void aRegulatorIsRefusedEveryCommandTheApiHas() {
        ApiClient api = new ApiClient(port);
        String incident = UUID.randomUUID().toString();
        List<String> checked = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.stream().noneMatch(CHANGING::contains)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{id}", incident).replaceAll("\\{[^}]+}", "x");
                ApiClient.Response response = api.post("regulator", path, "{}");
                assertThat(response.status()).as("POST " + pattern + ": " + response.body()).isEqualTo(403);
                assertThat(response.code()).isEqualTo("forbidden");
                checked.add(pattern);
            }
        }
        assertThat(checked).as("the state-changing endpoints found").hasSizeGreaterThan(30)
                .contains("/api/incidents", "/api/incidents/{id}/containment/steps/{stepId}/approval",
                        "/api/incidents/{id}/compliance/submissions", "/api/assets/signing-keys");
    }

    @Test
    void aRegulatorReadsEveryComplianceView() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response reported = api.post("responder", "/api/incidents",
                "{\"title\":\"Client data exposed\",\"severity\":\"HIGH\",\"category\":\"DATA_BREACH\"}");
        String incident = "/api/compliance/incidents/" + reported.json().get("incidentId").asString();
        for (String view : List.of("/api/compliance/register", "/api/compliance/obligations",
                "/api/compliance/lessons-learned", "/api/compliance/register.csv", "/api/compliance/obligations.csv",
                "/api/compliance/metrics", "/api/compliance/access-log", "/api/incidents", "/api/assets",
                "/api/ledger/checkpoint")) {
            assertThat(api.get("regulator", view).status()).as(view).isEqualTo(200);
        }
        // the per-incident views answer once the projections have the new incident
        for (String view : List.of("/audit-trail", "/obligations", "/report", "/report.html")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(api.get("regulator", incident + view).status()).as(view).isEqualTo(200));
        }
    }
}
