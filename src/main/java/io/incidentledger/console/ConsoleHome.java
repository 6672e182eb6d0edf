package io.incidentledger.console;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The service's front page, where a browser lands after signing in: the board for those who may open it, the
 * regulator portal for a regulator, and the account page for anyone else (a detector's or an unmapped identity).
 */
@Controller
class ConsoleHome {

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(@ModelAttribute("console") ConsoleUser console) {
        if (console.hasRole("REGULATOR") && console.mayOpen("/console/regulator")) {
            return "redirect:/console/regulator";
        }
        if (console.mayOpen("/console")) {
            return "redirect:/console";
        }
        return "redirect:/account";
    }
}
