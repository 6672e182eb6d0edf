package io.incidentledger.incident.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ReviewActionItemAdded;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The register's action items on the real migrations (H2): an added item is listed under the id its event names,
 * the review's own items under the ids the incident gives them, numbered on after the items already listed.
 */
class IncidentRegisterActionItemsTest {

    private static final IncidentId ID = new IncidentId("3f6a2b1c-8d4e-4f5a-9b6c-7d8e9f0a1b2c");
    private static final Instant DETECTED_AT = Instant.parse("2026-05-04T07:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-06-30");

    private JdbcTemplate jdbc;
    private AnnotationEventHandlerAdapter projection;
    private long sequence;

    @BeforeEach
    void migrate() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:register-action-items-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new AnnotationEventHandlerAdapter(new IncidentRegisterProjection(jdbc));
        apply(new IncidentReported(ID, "Hot wallet drained", null, Severity.HIGH, Category.KEY_COMPROMISE,
                IncidentSource.MANUAL, null, DETECTED_AT));
    }

    private void apply(Object event) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Incident", ID.value(), sequence, event,
                Map.of("actor", "commander"), UUID.randomUUID().toString(), DETECTED_AT.plusSeconds(sequence)));
        sequence++;
    }

    private List<String> itemIds() {
        return jdbc.queryForList("SELECT item_id FROM incident_review_action_item WHERE incident_id = ? "
                + "ORDER BY position", String.class, ID.value());
    }

    @Test
    void anAddedActionItemIsListedUnderTheIdItsEventNames() throws Exception {
        apply(new PostIncidentReviewRecorded(ID, "a leaked key", "rotate keys", List.of("rotate")));
        apply(new ReviewActionItemAdded(ID, "A7", "audit the signer", "custody-team", DUE));

        assertThat(itemIds()).containsExactly("A1", "A7");
    }

    @Test
    void aLaterReviewsItemsAreNumberedOnAfterTheItemsListed() throws Exception {
        apply(new PostIncidentReviewRecorded(ID, "a leaked key", "rotate keys", List.of("rotate", "monitor")));
        apply(new ReviewActionItemAdded(ID, "A3", "audit the signer", "custody-team", DUE));
        apply(new PostIncidentReviewRecorded(ID, "the key leaked again", "use an HSM", List.of("buy an HSM")));

        assertThat(itemIds()).containsExactly("A1", "A2", "A3", "A4");
    }
}
