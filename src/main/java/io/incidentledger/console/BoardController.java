package io.incidentledger.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.incident.api.BoardPageView;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.SearchIncidents;
import io.incidentledger.incident.api.SearchIncidents.BoardSort;
import io.incidentledger.incident.api.Severity;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The board: the incidents a response team works, filtered, ordered and paged, with counts, kept up to date by the
 * live feed. {@code /console} is the whole page; {@code /console/board} the part that the filters and the live feed
 * fetch again.
 */
@Controller
@Validated
class BoardController {

    private static final int PAGE_SIZE = 25;
    /** The id of the board's filter form, which htmx names in {@code HX-Trigger} when it sends the form. */
    private static final String FILTERS_FORM = "filters";

    private final QueryGateway queries;
    private final LiveWait liveWait;

    BoardController(QueryGateway queries, LiveWait liveWait) {
        this.queries = queries;
        this.liveWait = liveWait;
    }

    @GetMapping(path = {"/console", "/console/"}, produces = MediaType.TEXT_HTML_VALUE)
    String board(@RequestParam(required = false) Set<IncidentStatus> status,
                 @RequestParam(defaultValue = "open") String scope,
                 @RequestParam(defaultValue = "false") boolean mine,
                 @RequestParam(required = false) Set<Severity> severity,
                 @RequestParam(required = false) Category category,
                 @RequestParam(required = false) @Size(max = 200) String q,
                 @RequestParam(required = false) @Size(max = 200) String asset,
                 @RequestParam(defaultValue = "NEWEST") BoardSort sort,
                 @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                 Model model) {
        fill(model, new BoardFilters(orEmpty(status, IncidentStatus.class), scope, mine,
                orEmpty(severity, Severity.class), category, q, asset, sort, page));
        return "console/board";
    }

    @GetMapping(path = "/console/board", produces = MediaType.TEXT_HTML_VALUE)
    String boardPart(@RequestParam(required = false) Set<IncidentStatus> status,
                     @RequestParam(defaultValue = "open") String scope,
                     @RequestParam(defaultValue = "false") boolean mine,
                     @RequestParam(required = false) Set<Severity> severity,
                     @RequestParam(required = false) Category category,
                     @RequestParam(required = false) @Size(max = 200) String q,
                     @RequestParam(required = false) @Size(max = 200) String asset,
                     @RequestParam(defaultValue = "NEWEST") BoardSort sort,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                     @RequestParam(required = false) String waitFor,
                     @RequestHeader(name = "HX-Trigger", required = false) String trigger,
                     HttpServletResponse response, Model model) {
        liveWait.untilShown(waitFor);
        BoardFilters filters = new BoardFilters(orEmpty(status, IncidentStatus.class), scope, mine,
                orEmpty(severity, Severity.class), category, q, asset, sort, page);
        fill(model, filters);
        if (FILTERS_FORM.equals(trigger)) {
            // the address bar follows the filters, so that a reload or a shared link shows the same board
            response.setHeader("HX-Replace-Url", "/console?" + filters.query(page));
        }
        return "console/board :: board";
    }

    private void fill(Model model, BoardFilters filters) {
        ConsoleUser user = (ConsoleUser) model.getAttribute("console");
        String assignee = filters.mine() && user != null ? user.getName() : null;
        BoardPageView board = queries.query(new SearchIncidents(filters.status(), filters.openOnly(), assignee,
                filters.severity(), filters.category(), filters.q(), filters.asset(), filters.sort(), filters.page(),
                PAGE_SIZE), BoardPageView.class).join();
        model.addAttribute("filters", filters);
        model.addAttribute("board", board);
        model.addAttribute("statuses", List.of(IncidentStatus.values()));
        model.addAttribute("severities", List.of(Severity.values()));
        model.addAttribute("categories", List.of(Category.values()));
        model.addAttribute("sorts", List.of(BoardSort.values()));
    }

    private static <E extends Enum<E>> Set<E> orEmpty(Set<E> values, Class<E> type) {
        return values == null || values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
