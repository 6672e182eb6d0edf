package io.incidentledger.asset.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.RegisterSigningKey;
import io.incidentledger.asset.api.RevokeSigningKey;
import io.incidentledger.asset.api.RotateSigningKey;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.SigningKeyRegistered;
import io.incidentledger.asset.api.SigningKeyRevoked;
import io.incidentledger.asset.api.SigningKeyRotated;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A signing key the organisation holds (hot wallet, validator, API or owner key), known by a name and, when it
 * controls one, by its on-chain address; the key material itself is never recorded. A key is ACTIVE until it is
 * revoked as a containment step of an incident (REVOKED, final) or rotated to a successor key (ROTATED). A rotated key
 * can still be revoked: its material exists and may be what leaked.
 *
 * <p>Revocation is idempotent per incident and step, so containment can retry it safely.
 */
@Aggregate
public class SigningKey {

    static final String REVOKE = "revoke";

    @AggregateIdentifier
    private SigningKeyId keyId;
    private AssetState state;
    private final ContainmentSteps steps = new ContainmentSteps();

    protected SigningKey() {
        // required by Axon to rebuild the key from its events
    }

    @CommandHandler
    SigningKey(RegisterSigningKey command) {
        if (command.purpose() == null) {
            throw CommandRefusedException.invalid("purpose-required", "a signing key needs a purpose");
        }
        apply(new SigningKeyRegistered(command.keyId(), command.purpose(),
                AssetRules.optionalChain(command.chain()), AssetRules.optionalAddress(command.address()),
                AssetRules.optionalText("description", command.description(), Limits.DESCRIPTION)));
    }

    @CommandHandler
    void handle(RevokeSigningKey command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(REVOKE, command.incidentId(), command.stepId())) {
            return;
        }
        if (state == AssetState.REVOKED) {
            throw CommandRefusedException.conflict("key-already-revoked", "signing key " + keyId.name()
                    + " is already revoked");
        }
        apply(new SigningKeyRevoked(keyId, command.incidentId(), command.stepId().strip(), command.reason().strip(),
                AssetRules.optionalText("externalReference", command.externalReference(),
                        AssetRules.EXTERNAL_REFERENCE)));
    }

    @CommandHandler
    void handle(RotateSigningKey command, SigningKeyStates keys) {
        String reason = AssetRules.requiredText("reason", command.reason(), Limits.TEXT);
        if (command.successorId() == null) {
            throw CommandRefusedException.invalid("successor-required", "a rotation names the successor key");
        }
        if (state != AssetState.ACTIVE) {
            throw CommandRefusedException.conflict("key-not-active", "signing key " + keyId.name() + " is " + state
                    + " and can no longer be rotated");
        }
        if (command.successorId().equals(keyId)) {
            throw CommandRefusedException.invalid("successor-is-self", "a key cannot succeed itself");
        }
        String successor = command.successorId().name();
        AssetState successorState = keys.stateOf(command.successorId())
                .orElseThrow(() -> CommandRefusedException.invalid("successor-not-registered",
                        "successor key " + successor + " is not registered"));
        if (successorState != AssetState.ACTIVE) {
            throw CommandRefusedException.conflict("successor-not-active", "successor key " + successor + " is "
                    + successorState);
        }
        apply(new SigningKeyRotated(keyId, command.successorId(), reason));
    }

    @EventSourcingHandler
    void on(SigningKeyRegistered event) {
        keyId = event.keyId();
        state = AssetState.ACTIVE;
    }

    @EventSourcingHandler
    void on(SigningKeyRevoked event) {
        state = AssetState.REVOKED;
        steps.add(REVOKE, event.incidentId(), event.stepId());
    }

    @EventSourcingHandler
    void on(SigningKeyRotated event) {
        state = AssetState.ROTATED;
    }
}
