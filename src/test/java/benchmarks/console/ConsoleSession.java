package benchmarks.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person signed in to the console as a browser is: one form sign-in (the demo user, password = name), then every
 * request with the session cookie, so that a measured request pays no password check (HTTP Basic checks a bcrypt
 * hash on every request, about 55 ms here, which would swamp the page's own cost). HTTP/1.1, one request at a time.
 */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("^(JSESSIONID=[^;]+)");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie;

    private ConsoleSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static ConsoleSession signIn(int port, String user) throws IOException, InterruptedException {
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<String> form = session.client.send(HttpRequest.newBuilder(URI.create(session.base + "/login"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no sign-in form with a CSRF token: HTTP " + form.statusCode());
        }
        session.cookie = cookieOf(form).orElseThrow(() -> new IllegalStateException("the sign-in page set no session"));
        String body = "username=" + encode(user) + "&password=" + encode(user) + "&_csrf=" + encode(token.group(1));
        HttpResponse<String> signedIn = session.client.send(HttpRequest.newBuilder(URI.create(session.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session.cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " failed: HTTP " + signedIn.statusCode() + " "
                    + location);
        }
        session.cookie = cookieOf(signedIn).orElse(session.cookie);
        return session;
    }

    /** GETs the path with the session and insists on 200: a benchmark of a page that fails measures nothing. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.body();
    }

    private static java.util.Optional<String> cookieOf(HttpResponse<?> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        for (String value : cookies) {
            Matcher matcher = COOKIE.matcher(value);
            if (matcher.find()) {
                return java.util.Optional.of(matcher.group(1));
            }
        }
        return java.util.Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
