package io.incidentledger.compliance.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.incidentledger.compliance.access.api.IncidentRead;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentAccessLogTest {

    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String AUDIT_TRAIL = "audit-trail";
    private static final MetaData REGULATOR = MetaData.from(Map.of(ActorMetadata.ACTOR, "rita",
            ActorMetadata.ACTOR_TYPE, "USER", ActorMetadata.ACTOR_ROLES, "REGULATOR,ADMIN"));

    private FixtureConfiguration<IncidentAccessLog> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IncidentAccessLog.class);
    }

    @Test
    void theFirstReadOfAnIncidentStartsItsAccessLogInTheReadersName() {
        fixture.givenNoPriorActivity()
                .when(new RecordIncidentRead(INCIDENT, AUDIT_TRAIL), REGULATOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new IncidentRead(INCIDENT, AUDIT_TRAIL, "rita", List.of("ADMIN", "REGULATOR")));
    }

    @Test
    void everyFurtherReadIsRecordedToo() {
        fixture.given(new IncidentRead(INCIDENT, AUDIT_TRAIL, "rita", List.of("REGULATOR")))
                .when(new RecordIncidentRead(INCIDENT, "incident"), REGULATOR)
                .expectEvents(new IncidentRead(INCIDENT, "incident", "rita", List.of("ADMIN", "REGULATOR")));
    }

    @Test
    void aReadThatNamesNoReaderIsNotRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordIncidentRead(INCIDENT, AUDIT_TRAIL))
                .expectNoEvents()
                .expectException(Exception.class);
    }

    @Test
    void theLogOfAnIncidentIsNamedSoThatItCannotCollideWithTheIncidentItself() {
        assertThat(new RecordIncidentRead(INCIDENT, AUDIT_TRAIL).accessLogId())
                .isEqualTo("access-log:" + INCIDENT.value());
    }
}
