package io.incidentledger.incident.command;

import static io.incidentledger.common.CommandRefusedException.Kind.CONFLICT;
import static io.incidentledger.common.CommandRefusedException.Kind.INVALID;
import static io.incidentledger.common.CommandRefusedException.Kind.NOT_FOUND;
import static io.incidentledger.incident.command.Refusals.refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.review.api.AddReviewActionItem;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.ContributingFactorRecorded;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ProcedureChangeRecorded;
import io.incidentledger.review.api.RecordContributingFactor;
import io.incidentledger.review.api.RecordProcedureChange;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;
import io.incidentledger.review.api.StartReviewActionItem;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The post-incident review's follow-up, which outlives the incident's closure. */
class IncidentReviewFollowUpTest {

    private static final IncidentId ID = new IncidentId("9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a");
    private static final Instant DETECTED_AT = Instant.parse("2026-03-02T07:30:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-04-30");

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void anActionItemAddedAfterTheReviewsOwnItemsIsNumberedAfterThem() {
        fixture.given(reported(), reviewed())
                .when(new AddReviewActionItem(ID, "rotate every hot-wallet key", "custody-team", DUE))
                .expectEvents(new ReviewActionItemAdded(ID, "A3", "rotate every hot-wallet key", "custody-team", DUE))
                .expectResultMessagePayload("A3");
    }

    @Test
    void actionItemsNeedTheReviewFirst() {
        fixture.given(reported())
                .when(new AddReviewActionItem(ID, "rotate keys", "custody-team", DUE))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anActionItemNeedsAnOwnerAndADueDate() {
        fixture.given(reported(), reviewed())
                .when(new AddReviewActionItem(ID, "rotate keys", " ", DUE))
                .expectException(refusal("missing-owner", INVALID))
                .expectNoEvents();
    }

    @Test
    void anActionItemStaysOpenAfterTheIncidentClosesAndIsClosedWithEvidence() {
        fixture.given(reported(), reviewed(), new IncidentClosed(ID, DETECTED_AT.plusSeconds(86_400)))
                .when(new CloseReviewActionItem(ID, "A1", "https://git.example.com/ci/pull/412 merged"))
                .expectEvents(new ReviewActionItemClosed(ID, "A1", "https://git.example.com/ci/pull/412 merged"));
    }

    @Test
    void anActionItemIsClosedOnlyWithEvidence() {
        fixture.given(reported(), reviewed())
                .when(new CloseReviewActionItem(ID, "A1", ""))
                .expectException(refusal("missing-evidence", INVALID))
                .expectNoEvents();
    }

    @Test
    void aDoneActionItemCannotBeClosedAgain() {
        fixture.given(reported(), reviewed(), new ReviewActionItemClosed(ID, "A1", "done"))
                .when(new CloseReviewActionItem(ID, "A1", "again"))
                .expectException(refusal("action-item-done", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void workOnAnOpenActionItemStarts() {
        fixture.given(reported(), reviewed())
                .when(new StartReviewActionItem(ID, "A2"))
                .expectEvents(new ReviewActionItemStarted(ID, "A2"));
    }

    @Test
    void anActionItemAlreadyStartedCannotStartAgain() {
        fixture.given(reported(), reviewed(), new ReviewActionItemStarted(ID, "A2"))
                .when(new StartReviewActionItem(ID, "A2"))
                .expectException(refusal("action-item-not-open", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anUnknownActionItemIsNotFound() {
        fixture.given(reported(), reviewed())
                .when(new StartReviewActionItem(ID, "A9"))
                .expectException(refusal("action-item-not-found", NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void contributingFactorsAndProcedureChangesAreRecorded() {
        fixture.given(reported(), reviewed(), new ContributingFactorRecorded(ID, "no secret scanning in CI"))
                .when(new RecordProcedureChange(ID, "key-compromise playbook now freezes withdrawals", "playbooks@4f2c"))
                .expectEvents(new ProcedureChangeRecorded(ID, "key-compromise playbook now freezes withdrawals",
                        "playbooks@4f2c"));
    }

    @Test
    void aContributingFactorNeedsTheReviewFirst() {
        fixture.given(reported())
                .when(new RecordContributingFactor(ID, "no secret scanning in CI"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    private static IncidentReported reported() {
        return new IncidentReported(ID, "Hot wallet key in CI log", null, Severity.HIGH, Category.KEY_COMPROMISE,
                IncidentSource.MANUAL, null, DETECTED_AT);
    }

    private static PostIncidentReviewRecorded reviewed() {
        return new PostIncidentReviewRecorded(ID, "debug logging printed the key", "mask secrets in CI",
                List.of("mask secrets", "add secret scanning"));
    }
}
