package io.incidentledger.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.incidentledger.config.AxonStorageConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The heads the chain remembers are those of stored events only: a batch whose insert failed leaves none behind, even
 * when the transaction around it commits (a caller that caught the failure and went on), so the next event is chained
 * to what is really stored.
 */
class ChainedAppendStatementTest {

    private static final String AGGREGATE = "3f0c7d2e-6a1b-4c8d-9e2f-1a2b3c4d5e6f";
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private final ChainHeads heads = new ChainHeads(10);
    private final ChainedAppendStatement append = new ChainedAppendStatement(heads);
    private JdbcDataSource dataSource;
    private TransactionTemplate transactions;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aStoredBatchIsRememberedOnceItsTransactionCommits() {
        String first = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> assertThat(store(event(first, 0))).isTrue());

        assertThat(heads.hashOf(AGGREGATE, 0)).isNotNull();
    }

    @Test
    void aBatchThatFailedLeavesNoHeadBehindThoughItsTransactionCommits() {
        String first = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> store(event(first, 0)));

        // the second event reuses the first one's identifier: the store refuses it, the caller goes on and commits
        transactions.executeWithoutResult(status -> assertThat(store(event(first, 1))).isFalse());

        assertThat(heads.hashOf(AGGREGATE, 1)).as("a head no stored event has").isNull();
        assertThat(heads.hashOf(AGGREGATE, 0)).isNotNull();
    }

    /** Appends one event on the transaction's connection; {@code false} when the store refused it. */
    private boolean store(GenericDomainEventMessage<?> event) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = append.build(connection, AxonStorageConfiguration.EVENT_SCHEMA,
                byte[].class, List.of(event), SERIALIZER,
                (insert, index, timestamp) -> insert.setString(index, timestamp.toString()))) {
            statement.executeBatch();
            return true;
        } catch (SQLException refused) {
            return false;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static GenericDomainEventMessage<?> event(String identifier, long sequence) {
        return new GenericDomainEventMessage<>("Incident", AGGREGATE, sequence, Map.of("note", "n" + sequence),
                Map.of(), identifier, Instant.parse("2026-12-06T10:00:00Z"));
    }
}
