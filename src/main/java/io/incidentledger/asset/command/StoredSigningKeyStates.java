package io.incidentledger.asset.command;

import java.util.Optional;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.SigningKeyRegistered;
import io.incidentledger.asset.api.SigningKeyRevoked;
import io.incidentledger.asset.api.SigningKeyRotated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a signing key's state straight from its stored events rather than from the asset register, which may lag
 * behind; reading takes no lock on that key, so two rotations naming each other cannot deadlock.
 */
@Component
class StoredSigningKeyStates implements SigningKeyStates {

    private final EventStore eventStore;

    StoredSigningKeyStates(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<AssetState> stateOf(SigningKeyId keyId) {
        DomainEventStream events = eventStore.readEvents(keyId.toString());
        AssetState state = null;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            if (payload instanceof SigningKeyRegistered) {
                state = AssetState.ACTIVE;
            } else if (payload instanceof SigningKeyRevoked) {
                state = AssetState.REVOKED;
            } else if (payload instanceof SigningKeyRotated) {
                state = AssetState.ROTATED;
            }
        }
        return Optional.ofNullable(state);
    }
}
