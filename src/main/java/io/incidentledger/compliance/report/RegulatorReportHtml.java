package io.incidentledger.compliance.report;

import java.util.List;
import java.util.Locale;

import io.incidentledger.compliance.api.RegulatorReportView;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes the regulator report as one self-contained, printable HTML page from the Thymeleaf template
 * {@code templates/compliance/regulator-report.html}: inline CSS only, no script, no external resource, so that the
 * page prints and archives the same anywhere. The template writes every value with {@code th:text}, which escapes
 * it: titles, notes and rationales are typed in by users.
 */
@Component
public class RegulatorReportHtml {

    static final String TEMPLATE = "compliance/regulator-report";

    static final List<String> SECTIONS = List.of("Incident", "Compliance facts", "Timeline", "Containment",
            "Obligations", "Post-incident review", "Ledger");

    private final ITemplateEngine templates;

    public RegulatorReportHtml(ITemplateEngine templates) {
        this.templates = templates;
    }

    public String render(RegulatorReportView report) {
        // the page's words are English whatever the reader's locale, like the JSON report's
        Context context = new Context(Locale.ROOT);
        context.setVariable("report", report);
        context.setVariable("sections", SECTIONS);
        return templates.process(TEMPLATE, context);
    }
}
