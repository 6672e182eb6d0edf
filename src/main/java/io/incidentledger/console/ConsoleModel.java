package io.incidentledger.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in person ({@link ConsoleUser}) in the model of every console page, as {@code console}. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final SecurityRules rules;

    ConsoleModel(SecurityRules rules) {
        this.rules = rules;
    }

    @ModelAttribute("console")
    ConsoleUser console(Authentication authentication, HttpServletRequest request) {
        return new ConsoleUser(authentication, rules, request);
    }
}
