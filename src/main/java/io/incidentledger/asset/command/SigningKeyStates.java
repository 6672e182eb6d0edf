package io.incidentledger.asset.command;

import java.util.Optional;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.SigningKeyId;

/** The current state of another signing key, which a rotation needs to check its successor. */
interface SigningKeyStates {

    /** The key's state as its stored events leave it, or empty when no such key is registered. */
    Optional<AssetState> stateOf(SigningKeyId keyId);
}
