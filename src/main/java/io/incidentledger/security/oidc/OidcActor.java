package io.incidentledger.security.oidc;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.ActorPrincipal;
import io.incidentledger.security.ActorType;

/**
 * A person as their OpenID provider names them: the display name recorded as the event's actor, and the issuer and
 * subject that identify them for good. Nothing else of the token is kept: no token, no e-mail address.
 */
public record OidcActor(String name, String issuer, String subject) implements ActorPrincipal, Serializable {

    /** The actor a token's claims name: the first of {@code nameClaims} that has a value, else the subject. */
    static OidcActor of(Map<String, Object> claims, List<String> nameClaims) {
        String subject = String.valueOf(claims.get("sub"));
        String name = nameClaims.stream().map(claims::get)
                .filter(value -> value instanceof String text && !text.isBlank())
                .map(String.class::cast)
                .findFirst().orElse(subject);
        return new OidcActor(name, String.valueOf(claims.get("iss")), subject);
    }

    @Override
    public String actorName() {
        return name;
    }

    @Override
    public ActorType actorType() {
        return ActorType.USER;
    }

    @Override
    public Map<String, String> actorIdentity() {
        return Map.of(ActorMetadata.ACTOR_ISSUER, issuer, ActorMetadata.ACTOR_SUBJECT, subject);
    }
}
