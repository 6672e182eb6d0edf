package io.incidentledger.identity.query;

import java.util.HashMap;
import java.util.Map;

import io.incidentledger.identity.api.ApiTokenCreated;
import io.incidentledger.identity.api.ApiTokenId;
import io.incidentledger.identity.api.ApiTokenRevoked;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the rows of {@code api_token} that are behind their token's events: a token accepted into the store is
 * never missing from the view. The projection writes in the command's transaction, so this finds work only when the
 * view was not there when the events were stored (a store restored without its views, a table emptied by hand).
 * Each node runs it once at start; it reads the token events' sequence numbers, one pass over the event table, and
 * then only the events of a token that is behind.
 */
@Component
public class ApiTokenCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenCatchUp.class);

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final ApiTokenProjection projection;
    private final TransactionTemplate transactions;

    public ApiTokenCatchUp(JdbcTemplate jdbc, EventStore eventStore, ApiTokenProjection projection,
                           PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.projection = projection;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** @return how many tokens' rows were rebuilt */
    public int run() {
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("SELECT aggregate_identifier, MAX(sequence_number) AS last FROM domain_event_entry "
                        + "WHERE aggregate_identifier LIKE ? GROUP BY aggregate_identifier",
                row -> {
                    stored.put(row.getString("aggregate_identifier").substring(ApiTokenId.PREFIX.length()),
                            row.getLong("last"));
                }, ApiTokenId.PREFIX + "%");
        Map<String, Long> viewed = new HashMap<>();
        jdbc.query("SELECT token_id, version FROM api_token",
                row -> {
                    viewed.put(row.getString("token_id"), row.getLong("version"));
                });
        int rebuilt = 0;
        for (Map.Entry<String, Long> token : stored.entrySet()) {
            Long version = viewed.get(token.getKey());
            if (version == null || version < token.getValue()) {
                rebuilt += rebuild(new ApiTokenId(token.getKey())) ? 1 : 0;
            }
        }
        return rebuilt;
    }

    private boolean rebuild(ApiTokenId tokenId) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM api_token WHERE token_id = ?", tokenId.value());
                DomainEventStream events = eventStore.readEvents(tokenId.toString());
                while (events.hasNext()) {
                    DomainEventMessage<?> event = events.next();
                    String actor = (String) event.getMetaData().get(ActorMetadata.ACTOR);
                    if (event.getPayload() instanceof ApiTokenCreated created) {
                        projection.on(created, event.getSequenceNumber(), actor);
                    } else if (event.getPayload() instanceof ApiTokenRevoked revoked) {
                        projection.on(revoked, event.getSequenceNumber(), actor);
                    }
                }
            });
            log.warn("API token {} was behind its events in the view and has been rebuilt from them",
                    tokenId.value());
            return true;
        } catch (DataAccessException raced) {
            log.info("API token {} could not be rebuilt here, most likely another node did it at the same time: {}",
                    tokenId.value(), raced.toString());
            return false;
        }
    }
}
