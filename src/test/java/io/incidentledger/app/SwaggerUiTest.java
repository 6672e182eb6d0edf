package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.FlowsApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI at {@code /swagger-ui}: behind authentication like everything else, and served entirely by the service,
 * so that a browser that opens it fetches nothing from the internet. Shares its context with
 * {@link H2ApplicationTest}.
 */
@FlowsApplicationTest
class SwaggerUiTest {

    private static final Pattern URL = Pattern.compile("https?://[^\"]+");
    private static final Pattern ASSET = Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Test
    void swaggerUiNeedsASignedInUser() {
        ApiClient api = new ApiClient(port);

        assertThat(api.get(null, "/swagger-ui").status()).isEqualTo(401);
        assertThat(api.get(null, "/swagger-ui/index.html").status()).isEqualTo(401);
    }

    @Test
    void swaggerUiIsAPageWhoseScriptsAndStylesTheServiceServesItself() {
        ApiClient api = new ApiClient(port);
        String page = follow(api, "/swagger-ui");
        ApiClient.Response html = api.get("responder", page);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");

        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(html.body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }

        assertThat(assets).as("the page's scripts and styles").isNotEmpty()
                .anySatisfy(asset -> assertThat(asset).endsWith("swagger-ui-bundle.js"))
                .anySatisfy(asset -> assertThat(asset).endsWith("swagger-initializer.js"))
                .allSatisfy(asset -> assertThat(URI.create(asset).isAbsolute() || asset.startsWith("//"))
                        .as(asset + " is another origin's").isFalse());
        for (String asset : assets) {
            String path = URI.create(page).resolve(asset).getPath();
            assertThat(api.get("responder", path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void swaggerUiShowsOnlyThisServicesDocumentAndAsksNoValidatorOnTheInternet() {
        ApiClient api = new ApiClient(port);
        String page = follow(api, "/swagger-ui");
        ApiClient.Response initializer = api.get("responder",
                URI.create(page).resolve("swagger-initializer.js").getPath());
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).doesNotContain("petstore").doesNotContain("http://", "https://");

        ApiClient.Response config = api.get("responder", "/v3/api-docs/swagger-config");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("url").asString()).isEqualTo("/v3/api-docs");
        assertThat(config.json().path("validatorUrl").asString()).isEqualTo("none");
        assertThat(config.body()).doesNotContain("petstore");
        Matcher urls = URL.matcher(config.body());
        while (urls.find()) {
            assertThat(urls.group()).as("a URL of the UI's configuration").startsWith("http://127.0.0.1:" + port + "/");
        }
        assertThat(api.get("responder", "/v3/api-docs").status()).isEqualTo(200);
    }

    /** Follows the redirects a signed-in user's browser would, to the page itself. */
    private static String follow(ApiClient api, String path) {
        String current = path;
        for (int hop = 0; hop < 5; hop++) {
            ApiClient.Response response = api.get("responder", current);
            if (response.status() / 100 != 3) {
                return current;
            }
            URI next = URI.create(current).resolve(response.location());
            assertThat(next.getHost()).as("redirect to another origin: " + next).isNull();
            current = next.getPath();
        }
        throw new AssertionError("too many redirects from " + path);
    }
}
