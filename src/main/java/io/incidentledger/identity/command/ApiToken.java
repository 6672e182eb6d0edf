package io.incidentledger.identity.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.regex.Pattern;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import io.incidentledger.identity.api.ApiTokenCreated;
import io.incidentledger.identity.api.ApiTokenId;
import io.incidentledger.identity.api.ApiTokenRevoked;
import io.incidentledger.identity.api.CreateApiToken;
import io.incidentledger.identity.api.RevokeApiToken;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An API token a machine signs in with: created for one role by an administrator, with a name and an optional
 * expiry, and revoked for good. It knows only the keyed hash of its secret. A token that expired may still be
 * revoked, so that the record says it was; revoking it twice is refused as a conflict, as repeated actions are
 * elsewhere in the API.
 */
@Aggregate
public class ApiToken {

    /** A name is printable text: no control characters, which would make logs and lists misleading. */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    @AggregateIdentifier
    private ApiTokenId tokenId;
    private boolean revoked;

    protected ApiToken() {
        // required by Axon to rebuild the token from its events
    }

    @CommandHandler
    ApiToken(CreateApiToken command) {
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > CreateApiToken.NAME_LENGTH || !PRINTABLE.matcher(name).matches()) {
            throw CommandRefusedException.invalid("invalid-name", "a token's name is 1 to " + CreateApiToken.NAME_LENGTH
                    + " characters without control characters");
        }
        if (command.role() == null) {
            throw CommandRefusedException.invalid("role-required", "a token is created for one role");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(command.createdAt())) {
            throw CommandRefusedException.invalid("expiry-not-in-future", "a token's expiry must be in the future");
        }
        if (command.secretHash() == null || !HASH.matcher(command.secretHash()).matches()
                || command.hashKeyId() == null || !KEY_ID.matcher(command.hashKeyId()).matches()) {
            throw CommandRefusedException.invalid("invalid-secret-hash", "a token records the keyed hash of its "
                    + "secret and the id of the hash key");
        }
        apply(new ApiTokenCreated(command.tokenId(), name, command.role(), command.expiresAt(),
                command.secretHash(), command.hashKeyId(), command.createdAt()));
    }

    @CommandHandler
    void handle(RevokeApiToken command) {
        if (revoked) {
            throw CommandRefusedException.conflict("api-token-already-revoked", "API token " + tokenId.value()
                    + " is already revoked");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        if (reason != null && reason.length() > Limits.DESCRIPTION) {
            throw CommandRefusedException.invalid("reason-too-long", "a reason is at most " + Limits.DESCRIPTION
                    + " characters");
        }
        apply(new ApiTokenRevoked(tokenId, command.revokedAt(), reason));
    }

    @EventSourcingHandler
    void on(ApiTokenCreated event) {
        tokenId = event.tokenId();
    }

    @EventSourcingHandler
    void on(ApiTokenRevoked event) {
        revoked = true;
    }
}
