package io.incidentledger.identity.query;

import static io.incidentledger.common.SqlTimes.utc;

import io.incidentledger.identity.api.ApiTokenCreated;
import io.incidentledger.identity.api.ApiTokenRevoked;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code api_token} view, built from the token events and their actors. It runs in a subscribing processor
 * ({@link #PROCESSING_GROUP}, see {@code IdentityConfiguration}): in the command's own unit of work and database
 * transaction, so a token's events and its row commit together or not at all, and a failure here refuses the
 * command instead of leaving a revoked token accepted. Every change also counts up {@code api_token_changes}, which
 * every node polls to re-read the tokens, and announces {@link ApiTokensChanged} so that this node re-reads them as
 * soon as the transaction commits.
 *
 * <p>Not annotated {@code @ProcessingGroup} on purpose: the processing groups so annotated get a dead-letter queue,
 * which would park a failed revocation and commit it without its row.
 */
@Component
public class ApiTokenProjection {

    public static final String PROCESSING_GROUP = "api-tokens";

    private static final String UNKNOWN_ACTOR = "unknown";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;

    public ApiTokenProjection(JdbcTemplate jdbc, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    @EventHandler
    public void on(ApiTokenCreated event, @SequenceNumber long sequence,
                   @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        jdbc.update("""
                        INSERT INTO api_token (token_id, name, role, expires_at, secret_hash, hash_key_id, created_at,
                            created_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.tokenId().value(), event.name(), event.role().name(),
                utc(event.expiresAt()), event.secretHash(), event.hashKeyId(),
                utc(event.createdAt()), actor(actor), sequence);
        changed();
    }

    @EventHandler
    public void on(ApiTokenRevoked event, @SequenceNumber long sequence,
                   @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        jdbc.update("UPDATE api_token SET revoked_at = ?, revoked_by = ?, revocation_reason = ?, version = ? "
                        + "WHERE token_id = ?",
                utc(event.revokedAt()), actor(actor), event.reason(), sequence, event.tokenId().value());
        changed();
    }

    private void changed() {
        jdbc.update("UPDATE api_token_changes SET version = version + 1 WHERE id = 1");
        publisher.publishEvent(new ApiTokensChanged());
    }

    /** The tokens changed in the current transaction; listeners act after it commits. */
    public record ApiTokensChanged() {
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? UNKNOWN_ACTOR : actor;
    }
}
