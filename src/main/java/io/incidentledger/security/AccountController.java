package io.incidentledger.security;

import java.util.List;
import java.util.Map;

import io.incidentledger.security.oidc.BrowserSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in page: who the principal is, its roles and a sign-out button; the page after signing out; and the
 * sign-in form for the configured users, which sends a browser to the OpenID provider instead where there is one.
 */
@Controller
class AccountController {

    static final String SIGNED_OUT = "/signed-out";
    static final String SIGN_IN = "/login";

    private static final String ROLE_PREFIX = "ROLE_";

    private final ObjectProvider<BrowserSignIn> browserSignIn;

    AccountController(ObjectProvider<BrowserSignIn> browserSignIn) {
        this.browserSignIn = browserSignIn;
    }

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

    @GetMapping(path = SIGN_IN, produces = MediaType.TEXT_HTML_VALUE)
    String signIn() {
        return browserSignIn.getIfAvailable() != null ? "redirect:" + BrowserSignIn.SIGN_IN_PATH : "sign-in";
    }

    @GetMapping(path = SIGNED_OUT, produces = MediaType.TEXT_HTML_VALUE)
    String signedOut() {
        return "signed-out";
    }
}
