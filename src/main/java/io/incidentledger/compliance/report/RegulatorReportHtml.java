package io.incidentledger.compliance.report;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.compliance.obligations.SubmissionView;
import io.incidentledger.compliance.report.RegulatorReportView.ContainmentSection;
import io.incidentledger.compliance.report.RegulatorReportView.FactsSection;
import io.incidentledger.compliance.report.RegulatorReportView.IncidentSection;
import io.incidentledger.compliance.report.RegulatorReportView.LedgerSection;
import io.incidentledger.compliance.report.RegulatorReportView.ObligationEntry;
import io.incidentledger.compliance.report.RegulatorReportView.RecordedFact;
import io.incidentledger.compliance.report.RegulatorReportView.ReviewSection;
import io.incidentledger.compliance.report.RegulatorReportView.TimelineEntry;
import io.incidentledger.containment.api.ContainmentActionView;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentTimesView;
import io.incidentledger.review.api.ActionItemView;
import io.incidentledger.review.api.ProcedureChangeView;

/**
 * Writes the regulator report as one self-contained, printable HTML page: inline CSS only, no script, no external
 * resource, so that the page prints and archives the same anywhere. Every value goes through {@link #escape}: titles,
 * notes and rationales are typed in by users.
 */
public final class RegulatorReportHtml {

    static final String[] SECTIONS = {"Incident", "Compliance facts", "Timeline", "Containment", "Obligations",
            "Post-incident review", "Ledger"};

    private static final String NONE = "\u2014";

    private static final String STYLE = """
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:13px;color:#111;\
            margin:2em auto;max-width:70em;padding:0 1em}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #333;margin-top:1.6em}
            h3{font-size:1em;margin-bottom:.3em}
            table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
            th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#eee}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
            dt{font-weight:bold}dd{margin:0}
            .meta{color:#555}.mono,pre{font-family:"SFMono-Regular",Consolas,monospace;font-size:.9em;\
            word-break:break-all;white-space:pre-wrap}
            .status-MET{color:#146c2e}.status-LATE,.status-MISSED{color:#b00020;font-weight:bold}
            .status-DUE_SOON{color:#8a5a00;font-weight:bold}
            @media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}\
            tr,dl,pre{break-inside:avoid}a{color:inherit;text-decoration:none}}
            """;

    private RegulatorReportHtml() {
    }

    public static String render(RegulatorReportView report) {
        StringBuilder html = new StringBuilder(16_384);
        IncidentSection incident = report.incident();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>Regulator report: ").append(escape(incident.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Regulator report: ").append(escape(incident.title())).append("</h1>\n")
                .append("<p class=\"meta\">Incident <span class=\"mono\">").append(escape(incident.incidentId()))
                .append("</span>; generated ").append(text(report.generatedAt())).append(" by ")
                .append(escape(report.generatedBy()))
                .append("; obligation statuses are judged at the time of generation.</p>\n");
        incident(html, incident);
        facts(html, report.facts());
        timeline(html, report.timeline());
        containment(html, report.containment());
        obligations(html, report.obligations());
        review(html, report.review());
        ledger(html, report.ledger());
        return html.append("</body>\n</html>\n").toString();
    }

    private static void incident(StringBuilder html, IncidentSection incident) {
        section(html, 0);
        IncidentTimesView times = incident.times();
        definitions(html, List.of(
                new String[]{"Title", incident.title()},
                new String[]{"Description", incident.description()},
                new String[]{"Category", text(incident.category())},
                new String[]{"Severity", text(incident.severity())},
                new String[]{"Status", text(incident.status())},
                new String[]{"Source", text(incident.source())},
                new String[]{"Reported", text(incident.reportedAt()) + " by " + text(incident.reportedBy())},
                new String[]{"Occurred", times == null ? null : text(times.occurredAt())},
                new String[]{"Detected", times == null ? null : text(times.detectedAt())},
                new String[]{"Classified", times == null ? null : text(times.classifiedAt())},
                new String[]{"Contained", times == null ? null : text(times.containedAt())},
                new String[]{"Eradicated", times == null ? null : text(times.eradicatedAt())},
                new String[]{"Recovered", times == null ? null : text(times.recoveredAt())},
                new String[]{"Resolved", times == null ? null : text(times.resolvedAt())},
                new String[]{"Closed", times == null ? null : text(times.closedAt())},
                new String[]{"Resolution", incident.resolutionSummary()},
                new String[]{"Dismissal reason", incident.dismissalReason()},
                new String[]{"Affected assets", incident.affectedAssets().isEmpty() ? null
                        : incident.affectedAssets().stream().map(RegulatorReportHtml::asset)
                        .collect(Collectors.joining("; "))}));
    }

    private static void facts(StringBuilder html, FactsSection facts) {
        section(html, 1);
        definitions(html, List.of(
                new String[]{"Aware at (clocks run from)", text(facts.awareAt())},
                new String[]{"Regimes", facts.regimes().isEmpty() ? "none" : facts.regimes().stream()
                        .map(Enum::name).collect(Collectors.joining(", "))},
                new String[]{"Regimes assessed for the incident", facts.regimesAssessed()
                        ? "yes" : "no (the organisation's regimes apply)"}));
        recordedFacts(html, "Awareness", facts.awareness());
        recordedFacts(html, "Classifications", facts.classifications());
        recordedFacts(html, "Materiality", facts.materiality());
        recordedFacts(html, "Extortion payments", facts.extortionPayments());
        recordedFacts(html, "Regime assessments", facts.regimeAssessments());
        html.append("<h3>Reports submitted</h3>\n");
        table(html, new String[]{"Stage", "Submitted", "Authority reference", "Report SHA-256", "Recorded by"},
                facts.submissions(), (SubmissionView submission) -> new String[]{text(submission.stage()),
                        text(submission.submittedAt()), submission.authorityReference(), submission.reportSha256(),
                        text(submission.recordedBy()) + " at " + text(submission.recordedAt())},
                "No report submitted.");
    }

    private static void recordedFacts(StringBuilder html, String heading, List<RecordedFact> facts) {
        html.append("<h3>").append(escape(heading)).append("</h3>\n");
        table(html, new String[]{"Recorded", "By", "Fact"}, facts,
                (RecordedFact fact) -> new String[]{text(fact.recordedAt()), fact.recordedBy(), fact.summary()},
                "None recorded.");
    }

    private static void timeline(StringBuilder html, List<TimelineEntry> timeline) {
        section(html, 2);
        table(html, new String[]{"#", "Recorded", "Actor", "Event", "Entry hash", "Leaf"}, timeline,
                (TimelineEntry entry) -> new String[]{Long.toString(entry.sequence()), text(entry.recordedAt()),
                        text(entry.actor()) + " (" + text(entry.actorType()) + (entry.actorRoles() == null
                                || entry.actorRoles().isBlank() ? "" : ", " + entry.actorRoles()) + ")",
                        text(entry.type()) + ": " + text(entry.summary()), entry.entryHash(),
                        entry.leafIndex() == null ? "not yet in the log" : entry.leafIndex().toString()},
                "No events.");
    }

    private static void containment(StringBuilder html, ContainmentSection containment) {
        section(html, 3);
        html.append("<h3>Actions recorded</h3>\n");
        table(html, new String[]{"Action", "Target", "Performed", "Description", "Recorded by"},
                containment.actions(), (ContainmentActionView action) -> new String[]{text(action.action()),
                        action.target() == null ? null : asset(action.target()), text(action.performedAt()),
                        action.description(), text(action.recordedBy()) + " at " + text(action.recordedAt())},
                "No containment action recorded.");
        html.append("<h3>Containment steps</h3>\n");
        table(html, new String[]{"Step", "Action", "Target", "Status", "Decided by", "Adapter / reference",
                        "Executed", "Last error"}, containment.steps(),
                (ContainmentStepView step) -> new String[]{step.stepId() + " (" + text(step.playbook()) + ")",
                        text(step.action()), step.target() == null ? null : asset(step.target()),
                        text(step.status()), step.decidedBy() == null ? null
                        : step.decidedBy() + " at " + text(step.decidedAt())
                        + (step.decisionNote() == null ? "" : ": " + step.decisionNote()),
                        step.adapter() == null ? null : step.adapter() + " / " + text(step.externalReference()),
                        text(step.executedAt()), step.lastError()},
                "No containment step.");
    }

    private static void obligations(StringBuilder html, List<ObligationEntry> obligations) {
        section(html, 4);
        if (obligations.isEmpty()) {
            html.append("<p>No reporting obligation.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Regime</th><th>Stage</th><th>Status</th><th>Due</th><th>Last on time</th>"
                + "<th>Submitted</th><th>Explanation</th></tr>\n");
        for (ObligationEntry obligation : obligations) {
            html.append("<tr><td>").append(escape(text(obligation.regime()))).append("</td><td>")
                    .append(escape(text(obligation.stage()))).append("<br><span class=\"meta\">")
                    .append(escape(obligation.stageLabel())).append("; ").append(escape(obligation.provision()))
                    .append("</span></td><td class=\"status-").append(escape(text(obligation.status()))).append("\">")
                    .append(escape(text(obligation.status())))
                    .append(obligation.metWithinGrace() ? " (within grace)" : "").append("</td><td>")
                    .append(escape(text(obligation.dueAt()))).append("</td><td>")
                    .append(escape(text(obligation.lastOnTimeAt()))).append("</td><td>")
                    .append(escape(text(obligation.submittedAt()))).append("</td><td>")
                    .append(escape(text(obligation.explanation()))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void review(StringBuilder html, ReviewSection review) {
        section(html, 5);
        if (review == null) {
            html.append("<p>No post-incident review recorded.</p>\n");
            return;
        }
        definitions(html, List.of(
                new String[]{"Root cause", review.rootCause()},
                new String[]{"Lessons learned", review.lessonsLearned()},
                new String[]{"Recorded", text(review.recordedAt()) + " by " + text(review.recordedBy())}));
        html.append("<h3>Contributing factors</h3>\n");
        table(html, new String[]{"Factor"}, review.contributingFactors(), (String factor) -> new String[]{factor},
                "None recorded.");
        html.append("<h3>Procedure changes</h3>\n");
        table(html, new String[]{"Change", "Reference", "Recorded by"}, review.procedureChanges(),
                (ProcedureChangeView change) -> new String[]{change.description(), change.reference(),
                        text(change.recordedBy()) + " at " + text(change.recordedAt())},
                "None recorded.");
        html.append("<h3>Action items</h3>\n");
        table(html, new String[]{"Item", "Description", "Owner", "Due", "Status", "Closed with evidence"},
                review.actionItems(), (ActionItemView item) -> new String[]{item.itemId(), item.description(),
                        item.owner(), text(item.dueDate()), text(item.status()), item.evidence() == null ? null
                        : item.evidence() + " (" + text(item.closedBy()) + " at " + text(item.closedAt()) + ")"},
                "None.");
    }

    private static void ledger(StringBuilder html, LedgerSection ledger) {
        section(html, 6);
        if (ledger.checkpoint() == null) {
            html.append("<p>The ledger has not signed a checkpoint yet.</p>\n");
        } else {
            definitions(html, List.of(
                    new String[]{"Origin", ledger.origin()},
                    new String[]{"Tree size", text(ledger.treeSize())},
                    new String[]{"Root hash (base64)", ledger.rootHash()},
                    new String[]{"Root hash (hex)", ledger.rootHashHex()},
                    new String[]{"Incident events in the log", ledger.eventsInLog() + ", of which "
                            + ledger.eventsCovered() + " covered by this checkpoint"}));
            html.append("<h3>Signed checkpoint</h3>\n<pre>").append(escape(ledger.checkpoint())).append("</pre>\n");
        }
        html.append("<p>To verify offline, fetch <span class=\"mono\">").append(escape(ledger.auditBundle()))
                .append("</span> and the log's key at <span class=\"mono\">").append(escape(ledger.publicKeyUrl()))
                .append("</span>; each event's inclusion proof is at <span class=\"mono\">")
                .append("/api/ledger/proofs/inclusion?eventId=&lt;event id&gt;</span>, and <span class=\"mono\">")
                .append(escape(ledger.verification())).append("</span> checks the incident on the server.</p>\n");
    }

    private static void section(StringBuilder html, int index) {
        html.append("<h2>").append(index + 1).append(". ").append(escape(SECTIONS[index])).append("</h2>\n");
    }

    private static void definitions(StringBuilder html, List<String[]> rows) {
        html.append("<dl>\n");
        for (String[] row : rows) {
            if (row[1] != null && !row[1].isBlank()) {
                html.append("<dt>").append(escape(row[0])).append("</dt><dd>").append(escape(row[1]))
                        .append("</dd>\n");
            }
        }
        html.append("</dl>\n");
    }

    private static <T> void table(StringBuilder html, String[] headings, List<T> rows,
                                  Function<T, String[]> cells, String empty) {
        if (rows == null || rows.isEmpty()) {
            html.append("<p>").append(escape(empty)).append("</p>\n");
            return;
        }
        html.append("<table>\n<tr>");
        for (String heading : headings) {
            html.append("<th>").append(escape(heading)).append("</th>");
        }
        html.append("</tr>\n");
        for (T row : rows) {
            html.append("<tr>");
            for (String cell : cells.apply(row)) {
                html.append("<td>").append(escape(cell == null ? NONE : cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String asset(AffectedAsset asset) {
        return asset.type() + " " + asset.identifier() + (asset.chain() == null ? "" : " on " + asset.chain());
    }

    /** Instants in ISO-8601 UTC, enums by name, nothing as a dash. */
    private static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    public static String escape(String value) {
        if (value == null) {
            return NONE;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
