package io.incidentledger.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in person ({@link ConsoleUser}) in the model of every console page, as {@code console}. The rules
 * are looked up when a page asks, not at start: a test slice of other controllers (which brings every controller
 * advice along, without the console's components) starts without them.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final ObjectProvider<SecurityRules> rules;

    ConsoleModel(ObjectProvider<SecurityRules> rules) {
        this.rules = rules;
    }

    @ModelAttribute("console")
    ConsoleUser console(Authentication authentication, HttpServletRequest request) {
        return new ConsoleUser(authentication, rules.getObject(), request);
    }
}
