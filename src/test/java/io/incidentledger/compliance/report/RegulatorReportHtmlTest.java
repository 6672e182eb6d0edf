package io.incidentledger.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegulatorReportView;
import io.incidentledger.compliance.api.RegulatorReportView.ContainmentSection;
import io.incidentledger.compliance.api.RegulatorReportView.FactsSection;
import io.incidentledger.compliance.api.RegulatorReportView.IncidentSection;
import io.incidentledger.compliance.api.RegulatorReportView.LedgerSection;
import io.incidentledger.compliance.api.RegulatorReportView.ObligationEntry;
import io.incidentledger.compliance.api.RegulatorReportView.RecordedFact;
import io.incidentledger.compliance.api.RegulatorReportView.ReviewSection;
import io.incidentledger.compliance.api.RegulatorReportView.TimelineEntry;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.compliance.api.SubmissionView;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.ContainmentActionView;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTimesView;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.review.api.ActionItemView;
import io.incidentledger.review.api.ProcedureChangeView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;

class RegulatorReportHtmlTest {

    private static final String ID = "7d1f3c62-1c55-4c1e-9d1e-3f1f2d9b4a10";
    private static final Instant DETECTED = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");
    private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";
    private static final String CHECKPOINT = "ledger.example/incidents\n12\nq0JkC0pqGfcg0D0ZRt2jQ3wi4G9w1gAzVpJ7mH2yoXw=\n"
            + "\n\u2014 ledger.example/incidents AAAAAQ==\n";

    private static RegulatorReportHtml pages;

    /** The template engine as the application configures it: Spring Boot's Thymeleaf auto-configuration. */
    @BeforeAll
    static void templateEngine() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ThymeleafAutoConfiguration.class))
                .withBean(RegulatorReportHtml.class)
                .run(context -> pages = context.getBean(RegulatorReportHtml.class));
    }

    @Test
    void everyUserValueIsEscapedAndNoScriptIsWritten() {
        String html = pages.render(report(HOSTILE));

        assertThat(html).doesNotContainIgnoringCase("<script");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)";
        assertThat(html).contains("<title>Regulator report: " + escaped).contains("<h1>Regulator report: " + escaped)
                .contains("Note: " + escaped).contains("Classified as DORA_MAJOR: " + escaped)
                .contains("public bucket " + escaped).contains("<td>A1</td><td>" + escaped)
                .contains("SIGNING_KEY hot-1</td><td>2026-03-02T08:30:00Z</td><td>" + escaped);
    }

    @Test
    void theTemplateWritesNoValueUnescaped() throws IOException {
        String template;
        try (InputStream in = RegulatorReportHtmlTest.class.getResourceAsStream(
                "/templates/" + RegulatorReportHtml.TEMPLATE + ".html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // th:utext and [(...)] inlining are Thymeleaf's two ways of writing a value as markup
        assertThat(template).contains("th:text").doesNotContain("th:utext").doesNotContain("[(")
                .doesNotContain("th:inline");
    }

    @Test
    void thePageIsSelfContainedAndPrintable() {
        String html = pages.render(report("Hot wallet key exposed"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"UTF-8\">").contains("@media print");
        assertThat(html).doesNotContain("<link").doesNotContain("src=").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void theSectionsAppearInTheOrderOfTheJsonReport() {
        String html = pages.render(report("Hot wallet key exposed"));

        int previous = -1;
        for (String section : RegulatorReportHtml.SECTIONS) {
            int at = html.indexOf(". " + section + "</h2>");
            assertThat(at).as(section).isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void theSectionsShowTheReportsContent() {
        String html = pages.render(report("Hot wallet key exposed"));

        assertThat(html).contains("DORA_INITIAL").contains("class=\"status-MET\">MET")
                .contains("initial notification").contains("BaFin-2026-0042")
                .contains("REVOKE_KEY").contains("SIGNING_KEY hot-1")
                .contains("public bucket").contains("secret scanning in CI").contains("custody-team")
                .contains("ledger.example/incidents").contains("/api/incidents/" + ID + "/audit-bundle")
                .contains("<pre>ledger.example/incidents\n12\n");
    }

    @Test
    void anIncidentWithoutReviewObligationsOrCheckpointSaysSo() {
        RegulatorReportView full = report("Node down");
        RegulatorReportView bare = new RegulatorReportView(NOW, "regulator", full.incident(),
                new FactsSection(null, List.of(), false, List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of()), List.of(), new ContainmentSection(List.of(), List.of()), List.of(), null,
                new LedgerSection(null, null, null, null, null, 0, 0, "/api/ledger/checkpoint",
                        "/api/ledger/public-key", "/api/incidents/" + ID + "/audit-bundle",
                        "/api/ledger/verification?incidentId=" + ID));

        String html = pages.render(bare);

        assertThat(html).contains("No post-incident review recorded.").contains("No reporting obligation.")
                .contains("No report submitted.").contains("The ledger has not signed a checkpoint yet.")
                .contains("No containment action recorded.");
    }

    private static RegulatorReportView report(String userText) {
        IncidentSection incident = new IncidentSection(ID, userText, userText, Category.KEY_COMPROMISE,
                Severity.HIGH, IncidentStatus.CLOSED, IncidentSource.MANUAL, DETECTED, "responder",
                new IncidentTimesView(null, DETECTED, DETECTED.plusSeconds(600), DETECTED.plusSeconds(3600), null,
                        null, DETECTED.plusSeconds(7200), DETECTED.plusSeconds(9000)),
                "export closed", null, List.of(new AffectedAsset(AssetType.SIGNING_KEY, "hot-1", null)));
        SubmissionView submission = new SubmissionView(Stage.DORA_INITIAL, DETECTED.plusSeconds(3000),
                "BaFin-2026-0042", null, DETECTED.plusSeconds(3010), "commander");
        FactsSection facts = new FactsSection(DETECTED, List.of(Regime.DORA), true,
                List.of(new RecordedFact("AwarenessRecorded", "Became aware at " + DETECTED, "commander",
                        DETECTED, "e1")),
                List.of(new RecordedFact("RegulatoryClassificationRecorded", "Classified as DORA_MAJOR: " + userText,
                        "commander", DETECTED.plusSeconds(600), "e2")),
                List.of(), List.of(), List.of(), List.of(submission));
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(0, "e0", "IncidentReported", "Reported", "responder", "USER", "RESPONDER",
                        DETECTED, "ab".repeat(32), 4L, "/api/ledger/proofs/inclusion?eventId=e0"),
                new TimelineEntry(1, "e3", "NoteAdded", "Note: " + userText, "responder", "USER", "RESPONDER",
                        DETECTED.plusSeconds(60), null, null, "/api/ledger/proofs/inclusion?eventId=e3"));
        ContainmentSection containment = new ContainmentSection(List.of(new ContainmentActionView(
                ContainmentActionType.REVOKE_KEY, new AffectedAsset(AssetType.SIGNING_KEY, "hot-1", null), userText,
                DETECTED.plusSeconds(1800), DETECTED.plusSeconds(1810), "responder")), List.of());
        List<ObligationEntry> obligations = List.of(new ObligationEntry(Regime.DORA, Stage.DORA_INITIAL,
                Stage.DORA_INITIAL.label(), Stage.DORA_INITIAL.source(), Anchor.DORA_MAJOR_CLASSIFICATION, DETECTED,
                DETECTED.plusSeconds(4 * 3600), null, DETECTED.plusSeconds(4 * 3600), DETECTED.plusSeconds(3000),
                ObligationStatus.MET, false, "classified + 4 h"));
        ReviewSection review = new ReviewSection("public bucket " + userText, "scan buckets", NOW, "commander",
                List.of("no secret scanning in CI"), List.of(new ProcedureChangeView("CI fails on secrets",
                "ci-policy v7", NOW, "commander")), List.of(new ActionItemView("A1", userText, "custody-team",
                LocalDate.parse("2026-12-31"), ActionItemStatus.OPEN, null, null, null)));
        LedgerSection ledger = new LedgerSection(CHECKPOINT, "ledger.example/incidents", 12L,
                "q0JkC0pqGfcg0D0ZRt2jQ3wi4G9w1gAzVpJ7mH2yoXw=", "ab", 1, 1, "/api/ledger/checkpoint",
                "/api/ledger/public-key", "/api/incidents/" + ID + "/audit-bundle",
                "/api/ledger/verification?incidentId=" + ID);
        return new RegulatorReportView(NOW, "regulator", incident, facts, timeline, containment, obligations, review,
                ledger);
    }
}
