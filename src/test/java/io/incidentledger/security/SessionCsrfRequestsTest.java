package io.incidentledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests need the CSRF token: unsafe ones on a session, without credentials of their own. */
class SessionCsrfRequestsTest {

    private final SessionCsrfRequests matcher = new SessionCsrfRequests();

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void anUnsafeRequestOnASessionNeedsTheToken(String method) {
        assertThat(matcher.matches(onSession(method))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void aSafeRequestNeedsNone(String method) {
        assertThat(matcher.matches(onSession(method))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer il_abc", "Basic cmVzcG9uZGVyOnJlc3BvbmRlcg=="})
    void aRequestWithCredentialsOfItsOwnNeedsNone(String authorization) {
        MockHttpServletRequest request = onSession("POST");
        request.addHeader("Authorization", authorization);

        assertThat(matcher.matches(request)).isFalse();
    }

    @Test
    void aRequestWithoutAValidSessionNeedsNone() {
        MockHttpServletRequest noSession = new MockHttpServletRequest("POST", "/api/incidents");
        MockHttpServletRequest expired = onSession("POST");
        expired.setRequestedSessionIdValid(false);

        assertThat(matcher.matches(noSession)).isFalse();
        assertThat(matcher.matches(expired)).isFalse();
    }

    private static MockHttpServletRequest onSession(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/incidents/x/acknowledgement");
        request.setRequestedSessionId("6F1C0A");
        request.setRequestedSessionIdValid(true);
        return request;
    }
}
