package io.incidentledger.console.regulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The regulator portal's pages over HTTP with the demo users: who may open them, that they show what the compliance
 * API gives for the same data (the metrics' figures computed from the API's JSON), that the reads the API records are
 * recorded the same way, escaping, the charts' text alternative, and a page for an unknown incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-regulator;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-regulator/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-regulator/witness-${random.uuid}.checkpoint"
})
class RegulatorPortalPageTest {

    private static final Duration VIEWS = Duration.ofSeconds(10);
    private static final List<String> PAGES = List.of("/console/regulator", "/console/regulator/obligations",
            "/console/regulator/metrics", "/console/regulator/access-log");
    private static final Map<String, String> METRICS = Map.of("ttd", "timeToDetect", "tta", "timeToAcknowledge",
            "ttc", "timeToContain", "ttr", "timeToResolve");

    @LocalServerPort
    int port;

    private ApiClient api;
    private String tag;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private String report(String title, String severity, String occurredAt, String detectedAt) {
        StringBuilder body = new StringBuilder("{\"title\":\"" + title.replace("\"", "\\\"") + " " + tag
                + "\",\"severity\":\"" + severity + "\",\"category\":\"OTHER\"");
        if (occurredAt != null) {
            body.append(",\"occurredAt\":\"").append(occurredAt).append('"');
        }
        if (detectedAt != null) {
            body.append(",\"detectedAt\":\"").append(detectedAt).append('"');
        }
        Response reported = api.post("commander", "/api/incidents", body.append('}').toString());
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().get("incidentId").asString();
        await().atMost(VIEWS).until(() -> api.get("commander", "/api/compliance/incidents/" + id + "/obligations")
                .status() == 200);
        return id;
    }

    private void act(String id, String action, String body) {
        Response response = api.post("commander", "/api/incidents/" + id + "/" + action, body);
        assertThat(response.status()).as(action + ": " + response.body()).isEqualTo(204);
    }

    private Response page(String user, String path) {
        return api.get(user, path);
    }

    private String ok(String user, String path) {
        Response response = page(user, path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        return response.body();
    }

    @Test
    void thePortalsPagesOpenForARegulatorCommanderAndAdminButNotForARespondersOrADetector() {
        String id = report("Bridge paused", "HIGH", null, null);
        List<String> pages = new ArrayList<>(PAGES);
        pages.add("/console/regulator/incidents/" + id);
        for (String path : pages) {
            assertThat(ok("regulator", path)).contains("Regulator portal", "aria-current=\"page\"");
            assertThat(page("commander", path).status()).as(path).isEqualTo(200);
            assertThat(page("admin", path).status()).as(path).isEqualTo(200);
            assertThat(page("responder", path).status()).as(path).isEqualTo(403);
            assertThat(page("detector", path).status()).as(path).isEqualTo(403);
            assertThat(page(null, path).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void theSubNavigationMarksTheCurrentPageAndLinksToTheOthers() {
        String register = ok("regulator", "/console/regulator/metrics");
        assertThat(register).containsPattern("href=\"/console/regulator/metrics\"\\s+aria-current=\"page\"")
                .contains("href=\"/console/regulator\"", "href=\"/console/regulator/obligations\"",
                        "href=\"/console/regulator/access-log\"")
                .doesNotContainPattern("href=\"/console/regulator/obligations\"\\s+aria-current");
    }

    @Test
    void theRegisterKeepsWhatItsFiltersMatchAndLinksEachIncidentToItsReport() {
        String high = report("Hot wallet drained", "HIGH", null, "2017-03-04T10:00:00Z");
        String low = report("Phishing mail", "LOW", null, "2017-03-05T10:00:00Z");

        String all = ok("regulator", "/console/regulator?from=2017-03-01&to=2017-04-01");
        assertThat(all).contains("href=\"/console/regulator/incidents/" + high + "\"",
                "href=\"/console/regulator/incidents/" + low + "\"");
        String onlyHigh = ok("regulator", "/console/regulator?severity=HIGH&from=2017-03-01&to=2017-04-01");
        assertThat(onlyHigh).contains(high).doesNotContain(low);
        JsonNode api = this.api.get("regulator", "/api/compliance/register?severity=HIGH"
                + "&from=2017-03-01T00:00:00Z&to=2017-04-01T00:00:00Z").json();
        assertThat(onlyHigh).contains("<strong>" + api.path("totalItems").asLong() + "</strong> incidents");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsAClearProblemAndNothingIsListed() {
        Response refused = page("regulator", "/console/regulator?from=2020-02-01&to=2020-01-01");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("The first day must come before the day the period ends.")
                .doesNotContain("incidents in the register match");
        assertThat(page("regulator", "/console/regulator?severity=SEVERE").status())
                .isEqualTo(api.get("regulator", "/api/compliance/register?severity=SEVERE").status());
    }

    @Test
    void theObligationsPageListsWhatTheApiListsForAStatusWithACountdownWhereAStageIsOpen() {
        String id = report("Validator keys exported", "HIGH", "2016-01-28T09:00:00Z", "2016-01-29T09:00:00Z");
        act(id, "compliance/classifications", "{\"classification\":\"GDPR_PERSONAL_DATA_BREACH\","
                + "\"classifiedAt\":\"2016-01-29T10:00:00Z\",\"rationale\":\"customer records copied\"}");
        act(id, "compliance/classifications", "{\"classification\":\"DORA_MAJOR\","
                + "\"classifiedAt\":\"2016-01-29T10:00:00Z\",\"rationale\":\"critical service down\"}");
        act(id, "compliance/submissions", "{\"stage\":\"GDPR_SA_NOTIFICATION\","
                + "\"submittedAt\":\"2016-01-30T12:00:00Z\",\"authorityReference\":\"BfDI-1\"}");
        String window = "from=2016-01-01&to=2017-01-01";
        String apiWindow = "from=2016-01-01T00:00:00Z&to=2017-01-01T00:00:00Z";
        await().atMost(VIEWS).until(() -> api.get("regulator", "/api/compliance/obligations?status=MET&"
                + apiWindow).json().path("totalItems").asLong() >= 1 && api.get("regulator",
                "/api/compliance/obligations?status=MISSED&" + apiWindow).json().path("totalItems").asLong() >= 1);
        for (String status : List.of("MISSED", "MET", "DUE_SOON")) {
            JsonNode listed = api.get("regulator", "/api/compliance/obligations?size=500&status=" + status + "&"
                    + apiWindow).json();
            List<String> expected = new ArrayList<>();
            listed.path("items").forEach(item -> expected.add(item.path("incidentId").asString()));
            String html = ok("regulator", "/console/regulator/obligations?status=" + status + "&" + window);
            assertThat(rows(html, "data-incident=\"([^\"]+)\"\\s+data-status=\"" + status + "\""))
                    .as(status).isEqualTo(expected);
            assertThat(html).doesNotContainPattern("data-status=\"(?!" + status + ")");
        }
        String missed = ok("regulator", "/console/regulator/obligations?status=MISSED&" + window);
        assertThat(missed).contains(id).containsPattern("<time data-countdown\\s+datetime=\"2016-");
    }

    @Test
    void theMetricsChartsShowTheMeansOfTheApisFiguresPerMonth() {
        String x = report("X", "HIGH", "2018-03-10T00:00:00Z", "2018-03-10T01:00:00Z");
        act(x, "acknowledgement", null);
        act(x, "triage", "{\"severity\":\"HIGH\",\"category\":\"OTHER\","
                + "\"classifiedAt\":\"2018-03-10T01:10:00Z\"}");
        act(x, "containment", "{\"containedAt\":\"2018-03-10T01:30:00Z\"}");
        act(x, "resolution", "{\"summary\":\"keys rotated\",\"resolvedAt\":\"2018-03-10T05:00:00Z\"}");
        String y = report("Y", "LOW", "2018-03-20T00:00:00Z", "2018-03-20T00:20:00Z");
        act(y, "containment", "{\"containedAt\":\"2018-03-20T02:20:00Z\"}");
        String z = report("Z", "MEDIUM", "2018-05-02T00:00:00Z", "2018-05-02T02:00:00Z");
        act(z, "acknowledgement", null);
        String window = "from=2018-01-01&to=2019-01-01";
        JsonNode groups = awaitGroups("?period=month&from=2018-01-01T00:00:00Z&to=2019-01-01T00:00:00Z",
                found -> found.size() == 3 && found.get(0).path("timeToResolve").path("count").asLong()
                        + found.get(1).path("timeToResolve").path("count").asLong() == 1
                        && found.get(0).path("timeToContain").path("count").asLong()
                        + found.get(1).path("timeToContain").path("count").asLong() == 2
                        && found.get(2).path("timeToAcknowledge").path("count").asLong() == 1);

        String html = ok("regulator", "/console/regulator/metrics?bucket=MONTH&" + window);
        for (Map.Entry<String, String> metric : METRICS.entrySet()) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2018-03", mean(groups, "2018-03", metric.getValue()));
            expected.put("2018-04", null);
            expected.put("2018-05", mean(groups, "2018-05", metric.getValue()));
            assertThat(figures(html, metric.getKey())).as(metric.getValue()).isEqualTo(expected);
        }
        assertThat(figures(html, "ttd")).containsEntry("2018-03", "2400.000").containsEntry("2018-05", "7200.000");
    }

    @Test
    void eachChartHasATitleADescriptionAndATableOfItsFigures() {
        String id = report("W", "HIGH", "2015-06-01T00:00:00Z", "2015-06-01T03:00:00Z");
        awaitGroups("?from=2015-01-01T00:00:00Z&to=2016-01-01T00:00:00Z", found -> found.size() == 1);
        String html = ok("regulator", "/console/regulator/metrics?from=2015-01-01&to=2016-01-01");

        for (String chart : METRICS.keySet()) {
            assertThat(html).containsPattern("<svg class=\"chart\"[^>]*role=\"img\"[^>]*aria-labelledby=\"chart-"
                    + chart + "-title chart-" + chart + "-desc\"");
            assertThat(html).containsPattern("<title id=\"chart-" + chart + "-title\">Mean time to [a-z]+ \\(MTT")
                    .containsPattern("<desc id=\"chart-" + chart + "-desc\">[^<]{20,}</desc>")
                    .contains("<table data-metric=\"" + chart + "\">");
        }
        assertThat(html).contains("class=\"series\"", "class=\"point\"", "class=\"axis\"", "class=\"grid-line\"")
                .contains("<desc id=\"chart-ttd-desc\">Mean time to detect, from occurrence to detection, one point "
                        + "per month from 2015-06 to 2015-06 (1 of 1 with a figure); highest 3 h in 2015-06");
        assertThat(id).isNotBlank();
    }

    @Test
    void aRegulatorsReadingOfAnIncidentsReportPageIsRecordedAsTheApiRecordsItBeforeTheAnswer() {
        String id = report("Custody key exposed", "CRITICAL", null, null);
        String regulatorsReads = "/api/compliance/access-log?reader=regulator&incidentId=" + id;
        assertThat(api.get("regulator", regulatorsReads).json().path("totalItems").asLong()).isZero();

        ok("regulator", "/console/regulator/incidents/" + id);

        await().atMost(VIEWS).untilAsserted(() -> {
            JsonNode log = api.get("regulator", regulatorsReads).json();
            List<String> reads = new ArrayList<>();
            log.path("items").forEach(item -> reads.add(item.path("reader").asString() + " "
                    + item.path("view").asString() + " " + item.path("readerRoles").get(0).asString()));
            assertThat(reads).containsExactlyInAnyOrder("regulator report REGULATOR",
                    "regulator audit-trail REGULATOR");
        });
        String logPage = ok("regulator", "/console/regulator/access-log?incidentId=" + id);
        assertThat(logPage).contains("data-view=\"report\" data-reader=\"regulator\"",
                "data-view=\"audit-trail\" data-reader=\"regulator\"");
    }

    @Test
    void theReportPageShowsTheAuditTrailsHashesAndLeavesAndTheVerificationPanel() {
        String id = report("Oracle manipulated", "HIGH", null, null);
        JsonNode trail = api.get("commander", "/api/compliance/incidents/" + id + "/audit-trail").json();
        String html = ok("regulator", "/console/regulator/incidents/" + id);

        String hash = trail.path("events").get(0).path("entryHash").asString();
        assertThat(hash).isNotBlank();
        assertThat(html).contains(hash, "data-event=\"" + trail.path("events").get(0).path("eventId").asString(),
                "id=\"verify\"", "href=\"/console/incidents/" + id + "\"", "Audit trail with proofs");
    }

    @Test
    void anUnknownOrMalformedIncidentIsANotFoundPageNotAFailure() {
        Response unknown = page("regulator", "/console/regulator/incidents/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");
        assertThat(unknown.body()).contains("No such incident");

        Response malformed = page("regulator", "/console/regulator/incidents/%3Cb%3Ebold%3C%2Fb%3E");
        assertThat(malformed.status()).isIn(400, 404);
        assertThat(malformed.body()).doesNotContain("<b>bold</b>");
    }

    @Test
    void userTypedValuesAreEscapedAndNoPageRunsInlineScriptOrStyle() {
        String id = report("<script>alert(1)</script><img src=x onerror=alert(2)>", "LOW", null, null);
        List<String> pages = new ArrayList<>(PAGES);
        pages.add("/console/regulator/incidents/" + id);
        pages.add("/console/regulator/access-log?reader=%3Cscript%3Ex%3C%2Fscript%3E");
        for (String path : pages) {
            Response page = page("regulator", path);
            assertThat(page.body()).as(path).doesNotContain("<script>alert(1)</script>", "<img src=x",
                    "<script>x</script>");
            assertThat(page.body()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("<[^>]*\\sstyle=").doesNotContainPattern("<[^>]*\\son[a-z]+=");
            assertThat(page.header("Content-Security-Policy")).doesNotContain("unsafe-inline");
        }
        assertThat(ok("regulator", "/console/regulator/incidents/" + id))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(ok("regulator", "/console/regulator")).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    // --- helpers ---

    private JsonNode awaitGroups(String query, java.util.function.Predicate<JsonNode> ready) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(VIEWS).until(() -> {
            found[0] = api.get("regulator", "/api/compliance/metrics" + query).json().path("groups");
            return ready.test(found[0]);
        });
        return found[0];
    }

    /** The mean of the API's severity groups of a month, weighted by their counts, as the API rounds a mean. */
    private static String mean(JsonNode groups, String period, String metric) {
        BigDecimal total = BigDecimal.ZERO;
        long count = 0;
        for (JsonNode group : groups) {
            JsonNode statistics = group.path(metric);
            if (period.equals(group.path("period").asString()) && statistics.path("count").asLong() > 0) {
                long n = statistics.path("count").asLong();
                total = total.add(new BigDecimal(statistics.path("meanSeconds").asString())
                        .multiply(BigDecimal.valueOf(n)));
                count += n;
            }
        }
        return count == 0 ? null : total.divide(BigDecimal.valueOf(count), 3, RoundingMode.HALF_UP).toPlainString();
    }

    /** Period to mean (seconds, as written) in the table of one chart; null where the period has no mean. */
    private static Map<String, String> figures(String html, String chart) {
        int start = html.indexOf("<table data-metric=\"" + chart + "\">");
        assertThat(start).as("table of " + chart).isNotNegative();
        String table = html.substring(start, html.indexOf("</table>", start));
        Map<String, String> figures = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr data-period=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (row.find()) {
            Matcher seconds = Pattern.compile("data-seconds=\"([^\"]+)\"").matcher(row.group(2));
            figures.put(row.group(1), seconds.find() ? seconds.group(1) : null);
        }
        return figures;
    }

    private static List<String> rows(String html, String pattern) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(pattern).matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
