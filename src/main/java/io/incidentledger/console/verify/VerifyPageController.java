package io.incidentledger.console.verify;

import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.web.IncidentPaths;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The verification panel of one incident on a page of its own ({@code console/verify-page}), a link target beside the
 * incident's workspace, which includes the same panel. The page carries only the incident's id: the person's browser
 * reads the events, the signed checkpoint and the proofs from the API and checks them itself (docs/console-verify.md).
 */
@Controller
class VerifyPageController {

    private final QueryGateway queries;

    VerifyPageController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/console/incidents/{id}/verify", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String id, Model model) {
        IncidentId incidentId = IncidentPaths.incidentId(id);
        // only whether it exists: nothing of the incident is shown, so this is not a read to record
        queries.query(new FindIncident(incidentId), ResponseTypes.optionalInstanceOf(IncidentView.class)).join()
                .orElseThrow(() -> IncidentPaths.notFound(id));
        model.addAttribute("incidentId", incidentId.value());
        return "console/verify-page";
    }
}
