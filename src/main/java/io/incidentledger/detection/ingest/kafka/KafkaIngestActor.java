package io.incidentledger.detection.ingest.kafka;

import java.util.List;
import java.util.function.Supplier;

import io.incidentledger.security.ActorPrincipal;
import io.incidentledger.security.ActorType;
import io.incidentledger.security.Roles;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The consumer of a topic, as the actor of the detections it correlates: a service named {@code kafka:<topic>},
 * with the detector's role, as a detector posting to the ingest API would be.
 */
record KafkaIngestActor(String topic) implements ActorPrincipal {

    static final String PREFIX = "kafka:";

    @Override
    public String actorName() {
        return PREFIX + topic;
    }

    @Override
    public ActorType actorType() {
        return ActorType.SERVICE;
    }

    Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.DETECTOR)));
    }

    /** Runs {@code work} with this actor as the thread's principal, which every command it sends then names. */
    <T> T run(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication());
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Override
    public String toString() {
        return actorName();
    }
}
