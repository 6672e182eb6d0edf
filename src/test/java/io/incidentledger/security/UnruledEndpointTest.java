package io.incidentledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.RequestSizeLimitFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The role table denies by default: an endpoint a controller maps under {@code /api} but no rule of
 * {@link SecurityConfiguration} grants stays forbidden to every role, however the table is extended, while a path the
 * API does not have is a plain 404 once the principal is authenticated.
 */
@WebMvcTest(controllers = UnruledEndpointTest.UnruledController.class)
@Import({SecurityConfiguration.class, ProblemResponseWriter.class, RequestSizeLimitFilter.class,
        UnruledEndpointTest.UnruledController.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class})
@TestPropertySource(properties = {
        "incident-ledger.api.max-request-bytes=2048",
        "incident-ledger.security.users[0].name=everything",
        "incident-ledger.security.users[0].password-hash={noop}everything-pw",
        "incident-ledger.security.users[0].roles=RESPONDER,COMMANDER,DETECTOR,REGULATOR,ADMIN",
})
class UnruledEndpointTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    /** An endpoint that somebody added without a line in the role table. */
    @RestController
    static class UnruledController {

        @PostMapping(path = "/api/unruled", produces = MediaType.APPLICATION_JSON_VALUE)
        void act() {
            CALLS.incrementAndGet();
        }

        @GetMapping(path = "/api/unruled", produces = MediaType.APPLICATION_JSON_VALUE)
        String read() {
            CALLS.incrementAndGet();
            return "\"read\"";
        }
    }

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void resetCalls() {
        CALLS.set(0);
    }

    @ParameterizedTest(name = "{0} /api/unruled is forbidden to a principal holding every role")
    @ValueSource(strings = {"GET", "POST"})
    void anEndpointNoRuleGrantsIsForbiddenToEveryRole(String method) throws Exception {
        mvc.perform((method.equals("GET") ? get("/api/unruled") : post("/api/unruled"))
                        .with(httpBasic("everything", "everything-pw")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("forbidden"))
                .andExpect(jsonPath("$.detail").value("no role may do this"))
                .andExpect(jsonPath("$.allowedRoles", empty()));

        assertThat(CALLS).hasValue(0);
    }

    @Test
    void aPathNoControllerMapsIsA404() throws Exception {
        mvc.perform(get("/api/unruled/typo").with(httpBasic("everything", "everything-pw")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not-found"));
    }

    @Test
    void anEndpointNoRuleGrantsStillAsksForCredentialsFirst() throws Exception {
        mvc.perform(post("/api/unruled")).andExpect(status().isUnauthorized());

        assertThat(CALLS).hasValue(0);
    }
}
