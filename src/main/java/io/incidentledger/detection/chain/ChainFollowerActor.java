package io.incidentledger.detection.chain;

import java.util.List;

import io.incidentledger.security.ActorPrincipal;
import io.incidentledger.security.ActorType;
import io.incidentledger.security.Roles;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The follower of one chain as the actor of what it causes: a service named {@code chain-follower:<chain>} with the
 * DETECTOR role, recorded on every detection it sends like the detector that posts to the ingest API.
 */
record ChainFollowerActor(String chain) implements ActorPrincipal {

    static final String PREFIX = "chain-follower:";

    @Override
    public String actorName() {
        return PREFIX + chain;
    }

    @Override
    public ActorType actorType() {
        return ActorType.SERVICE;
    }

    /** Its authentication, for the security context of the thread that sends its detections. */
    Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.DETECTOR)));
    }
}
