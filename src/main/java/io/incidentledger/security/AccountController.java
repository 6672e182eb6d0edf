package io.incidentledger.security;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in page: who the principal is, its roles and a sign-out button; and the page after signing out. */
@Controller
class AccountController {

    static final String SIGNED_OUT = "/signed-out";

    private static final String ROLE_PREFIX = "ROLE_";

    @GetMapping(path = "/account", produces = MediaType.TEXT_HTML_VALUE)
    String account(Authentication authentication, Model model) {
        Map<String, String> identity = authentication.getPrincipal() instanceof ActorPrincipal actor
                ? actor.actorIdentity() : Map.of();
        String name = authentication.getPrincipal() instanceof ActorPrincipal actor
                ? actor.actorName() : authentication.getName();
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted().toList();
        model.addAttribute("name", name);
        model.addAttribute("roles", roles);
        model.addAttribute("issuer", identity.get(ActorMetadata.ACTOR_ISSUER));
        model.addAttribute("subject", identity.get(ActorMetadata.ACTOR_SUBJECT));
        return "account";
    }

    @GetMapping(path = SIGNED_OUT, produces = MediaType.TEXT_HTML_VALUE)
    String signedOut() {
        return "signed-out";
    }
}
