package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.testing.HttpFrom;
import io.incidentledger.testing.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing over HTTP Basic (and the sign-in form) against the running application, from several loopback addresses: after the
 * configured failures (5 per user, 8 per address, here) the attempt is answered 429 before its password is checked.
 * Shares its context with {@link BrowserSafetyTest}; it throttles only users and addresses that test does not use.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = BrowserSafetyTest.CONTEXT)
class SignInThrottlingTest {

    private static final String LIST = "GET /api/incidents HTTP/1.1";
    private static final byte[] NO_BODY = new byte[0];

    @LocalServerPort
    int port;

    @Test
    void fiftyWrongPasswordsAreFiveChecksThenTheUserIsHeldBackEvenWithTheRightOne() {
        HttpFrom guesser = new HttpFrom("127.0.0.2", port);
        List<Integer> statuses = new ArrayList<>();
        Reply last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            last = guesser.send(LIST, HttpFrom.basic("detector", "guess-" + attempt), NO_BODY);
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 50)).containsOnly(429);
        assertThat(last.contentType()).isEqualTo("application/problem+json");
        assertThat(last.body()).contains("\"code\":\"sign-in-throttled\"");
        assertThat(Integer.parseInt(last.headers().get("retry-after"))).isBetween(1, 15 * 60);
        assertThat(last.headers()).containsEntry("referrer-policy", "no-referrer");
        // the right password no longer helps, from this address or any other
        assertThat(guesser.send(LIST, HttpFrom.basic("detector", "detector"), NO_BODY).status()).isEqualTo(429);
        assertThat(new HttpFrom("127.0.0.3", port).send(LIST, HttpFrom.basic("detector", "detector"), NO_BODY)
                .status()).isEqualTo(429);
    }

    @Test
    void anotherUserFromAnotherAddressIsNotConcerned() {
        HttpFrom guesser = new HttpFrom("127.0.0.5", port);
        for (int attempt = 0; attempt < 6; attempt++) {
            guesser.send(LIST, HttpFrom.basic("commander", "guess-" + attempt), NO_BODY);
        }

        assertThat(new HttpFrom("127.0.0.6", port).send(LIST, HttpFrom.basic("admin", "admin"), NO_BODY).status())
                .isEqualTo(200);
    }

    @Test
    void aSuccessDoesNotResetTheAddressCount() {
        HttpFrom guesser = new HttpFrom("127.0.0.4", port);
        for (int attempt = 0; attempt < 7; attempt++) {
            assertThat(guesser.send(LIST, HttpFrom.basic("name-" + attempt, "guess"), NO_BODY).status())
                    .isEqualTo(401);
        }
        assertThat(guesser.send(LIST, HttpFrom.basic("responder", "responder"), NO_BODY).status()).isEqualTo(200);
        assertThat(guesser.send(LIST, HttpFrom.basic("name-7", "guess"), NO_BODY).status()).isEqualTo(401);

        Reply held = guesser.send(LIST, HttpFrom.basic("responder", "responder"), NO_BODY);

        assertThat(held.status()).isEqualTo(429);
        assertThat(new HttpFrom("127.0.0.7", port).send(LIST, HttpFrom.basic("responder", "responder"), NO_BODY)
                .status()).isEqualTo(200);
    }

    @Test
    void theSignInFormIsThrottledLikeBasic() {
        HttpFrom guesser = new HttpFrom("127.0.0.8", port);
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 7; attempt++) {
            statuses.add(signIn(guesser, "regulator", "guess-" + attempt).status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(302);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
        Reply held = signIn(new HttpFrom("127.0.0.9", port), "regulator", "regulator");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.headers()).containsKey("retry-after");
    }

    private static Reply signIn(HttpFrom from, String user, String password) {
        byte[] form = ("username=" + user + "&password=" + password).getBytes(StandardCharsets.UTF_8);
        return from.send("POST /login HTTP/1.1", null, form, "Content-Type: application/x-www-form-urlencoded");
    }
}
