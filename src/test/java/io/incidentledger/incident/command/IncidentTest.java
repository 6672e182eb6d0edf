package io.incidentledger.incident.command;

import static io.incidentledger.common.CommandRefusedException.Kind.CONFLICT;
import static io.incidentledger.common.CommandRefusedException.Kind.INVALID;
import static io.incidentledger.incident.api.AssignmentRole.COMMANDER;
import static io.incidentledger.incident.api.AssignmentRole.RESPONDER;
import static io.incidentledger.incident.api.AssignmentRole.SCRIBE;
import static io.incidentledger.incident.api.Severity.CRITICAL;
import static io.incidentledger.incident.api.Severity.HIGH;
import static io.incidentledger.incident.api.Severity.LOW;
import static io.incidentledger.incident.api.Severity.MEDIUM;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static io.incidentledger.incident.command.Refusals.refusal;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ContainmentActionRecorded;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.RecordContainmentAction;
import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignIncident;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.CloseIncident;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.DeescalateIncident;
import io.incidentledger.incident.api.DismissIncident;
import io.incidentledger.incident.api.EradicateIncident;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.EvidenceAttached;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentAssigned;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEradicated;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentRecovered;
import io.incidentledger.incident.api.IncidentReopened;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.NoteAdded;
import io.incidentledger.incident.api.RecoverIncident;
import io.incidentledger.incident.api.ReopenIncident;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.ResolveIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TriageIncident;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.RecordPostIncidentReview;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final IncidentId ID = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String TITLE = "Hot wallet signing key exposed";
    private static final String DESCRIPTION = "The signing key of hot wallet 7 was found in a public CI log";
    private static final Category CATEGORY = Category.KEY_COMPROMISE;
    private static final IncidentSource SOURCE = IncidentSource.DETECTION;

    private static final Instant OCCURRED_AT = Instant.parse("2025-03-10T07:45:00Z");
    private static final Instant DETECTED_AT = Instant.parse("2025-03-10T08:30:00Z");
    private static final Instant CLASSIFIED_AT = Instant.parse("2025-03-10T09:00:00Z");
    private static final Instant CONTAINED_AT = Instant.parse("2025-03-10T10:00:00Z");
    private static final Instant ERADICATED_AT = Instant.parse("2025-03-10T12:00:00Z");
    private static final Instant RECOVERED_AT = Instant.parse("2025-03-10T14:00:00Z");
    private static final Instant RESOLVED_AT = Instant.parse("2025-03-10T16:00:00Z");
    private static final Instant CLOSED_AT = Instant.parse("2025-03-12T09:00:00Z");
    private static final Instant RECONTAINED_AT = Instant.parse("2025-03-11T10:00:00Z");
    private static final Instant RERESOLVED_AT = Instant.parse("2025-03-11T16:00:00Z");
    private static final Instant ACTION_PERFORMED_AT = Instant.parse("2025-03-10T09:30:00Z");

    private static final AffectedAsset HOT_WALLET_KEY = new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-7", null);
    private static final AffectedAsset HOT_WALLET = new AffectedAsset(AssetType.WALLET, "0xabc0000000000000000000000000000000000007", "ethereum");
    private static final List<AffectedAsset> AFFECTED_ASSETS = List.of(HOT_WALLET_KEY, HOT_WALLET);

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL = "carol";

    private static final String LOG_SHA256 = "a".repeat(64);
    private static final String DUMP_SHA256 = "b".repeat(64);

    private static final String ROOT_CAUSE = "Debug logging printed the key";
    private static final String LESSONS = "Secrets never reach CI logs";
    private static final List<String> ACTION_ITEMS = List.of("Mask secrets in CI", "Rotate keys quarterly");

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    // --- reporting ---------------------------------------------------------------------------------------------------

    @Test
    void reportingAnIncidentRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(report(MEDIUM, OCCURRED_AT, DETECTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reported(MEDIUM));
    }

    @Test
    void theReportKeepsWhenTheIncidentOccurredAndWhenItWasDetectedAsGiven() {
        fixture.givenNoPriorActivity()
                .when(report(HIGH, OCCURRED_AT, DETECTED_AT))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate((Object payload) -> payload instanceof IncidentReported reported
                                && OCCURRED_AT.equals(reported.occurredAt())
                                && DETECTED_AT.equals(reported.detectedAt())
                                && reported.severity() == HIGH
                                && ID.equals(reported.incidentId())),
                        andNoMore())));
    }

    @Test
    void anIncidentCanBeReportedWithoutKnowingWhenItOccurred() {
        fixture.givenNoPriorActivity()
                .when(report(LOW, null, DETECTED_AT))
                .expectEvents(new IncidentReported(ID, TITLE, DESCRIPTION, LOW, CATEGORY, SOURCE, null, DETECTED_AT));
    }

    @Test
    void anIncidentCanHaveOccurredTheInstantItWasDetected() {
        fixture.givenNoPriorActivity()
                .when(report(LOW, DETECTED_AT, DETECTED_AT))
                .expectEvents(new IncidentReported(ID, TITLE, DESCRIPTION, LOW, CATEGORY, SOURCE, DETECTED_AT,
                        DETECTED_AT));
    }

    @Test
    void anIncidentCannotHaveOccurredAfterItWasDetected() {
        fixture.givenNoPriorActivity()
                .when(report(LOW, DETECTED_AT.plusSeconds(1), DETECTED_AT))
                .expectException(refusal("occurred-after-detected", INVALID))
                .expectNoEvents();
    }

    // --- acknowledging -------------------------------------------------------------------------------------------------

    @Test
    void aReportedIncidentCanBeAcknowledged() {
        fixture.given(reported(MEDIUM))
                .when(new AcknowledgeIncident(ID))
                .expectEvents(new IncidentAcknowledged(ID));
    }

    @Test
    void anIncidentCannotBeAcknowledgedTwice() {
        fixture.given(reported(MEDIUM), acknowledged())
                .when(new AcknowledgeIncident(ID))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectExceptionMessage(containsString("already acknowledged"))
                .expectNoEvents();
    }

    // --- triage --------------------------------------------------------------------------------------------------------

    @Test
    void triagingAnAcknowledgedIncidentClassifiesItAndTheAssetsItAffects() {
        fixture.given(reported(MEDIUM), acknowledged())
                .when(new TriageIncident(ID, CRITICAL, CATEGORY, AFFECTED_ASSETS, CLASSIFIED_AT))
                .expectEvents(new IncidentTriaged(ID, CRITICAL, CATEGORY, AFFECTED_ASSETS, CLASSIFIED_AT));
    }

    @Test
    void anIncidentCanBeClassifiedTheInstantItWasDetected() {
        fixture.given(reported(MEDIUM), acknowledged())
                .when(new TriageIncident(ID, MEDIUM, CATEGORY, AFFECTED_ASSETS, DETECTED_AT))
                .expectEvents(new IncidentTriaged(ID, MEDIUM, CATEGORY, AFFECTED_ASSETS, DETECTED_AT));
    }

    @Test
    void anIncidentMustBeAcknowledgedBeforeItIsTriaged() {
        fixture.given(reported(MEDIUM))
                .when(triage(MEDIUM))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeTriagedTwice() {
        fixture.given(reported(MEDIUM), acknowledged(), triaged(MEDIUM))
                .when(triage(HIGH))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeClassifiedBeforeItWasDetected() {
        fixture.given(reported(MEDIUM), acknowledged())
                .when(new TriageIncident(ID, MEDIUM, CATEGORY, AFFECTED_ASSETS, DETECTED_AT.minusSeconds(1)))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectExceptionMessage(containsString("classifiedAt"))
                .expectNoEvents();
    }

    // --- containment -----------------------------------------------------------------------------------------------------

    @Test
    void aTriagedIncidentCanBeContained() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH))
                .when(new ContainIncident(ID, CONTAINED_AT, "Key revoked"))
                .expectEvents(contained());
    }

    @Test
    void aPlaybookCanContainAReportedIncidentBeforeAnyoneAcknowledgesIt() {
        fixture.given(reported(HIGH))
                .when(new ContainIncident(ID, CONTAINED_AT, "Key revoked"))
                .expectEvents(contained());
    }

    @Test
    void anIncidentContainedBeforeAcknowledgementIsStillAcknowledgedAndTriagedAfterwards() {
        fixture.given(reported(HIGH), contained(), acknowledged())
                .when(new TriageIncident(ID, HIGH, CATEGORY, AFFECTED_ASSETS, CLASSIFIED_AT))
                .expectEvents(new IncidentTriaged(ID, HIGH, CATEGORY, AFFECTED_ASSETS, CLASSIFIED_AT));
    }

    @Test
    void anIncidentContainedBeforeTriageCannotBeEradicatedUntilItIsTriaged() {
        fixture.given(reported(HIGH), contained(), acknowledged())
                .when(new EradicateIncident(ID, ERADICATED_AT, "Malware removed"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectExceptionMessage(containsString("not been triaged"))
                .expectNoEvents();
    }

    @Test
    void anIncidentContainedBeforeTriageIsEradicatedOnceTriaged() {
        fixture.given(reported(HIGH), contained(), acknowledged(), triaged(HIGH))
                .when(new EradicateIncident(ID, ERADICATED_AT, "Malware removed"))
                .expectEvents(new IncidentEradicated(ID, ERADICATED_AT, "Malware removed"));
    }

    @Test
    void aContainedIncidentCannotBeContainedAgain() {
        fixture.given(reported(HIGH), contained())
                .when(new ContainIncident(ID, CONTAINED_AT, "Key revoked"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeContainedBeforeItWasClassified() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH))
                .when(new ContainIncident(ID, CLASSIFIED_AT.minusSeconds(1), "Key revoked"))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectExceptionMessage(containsString("containedAt"))
                .expectNoEvents();
    }

    // --- eradication ---------------------------------------------------------------------------------------------------

    @Test
    void aContainedIncidentCanBeEradicated() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained())
                .when(new EradicateIncident(ID, ERADICATED_AT, "Key destroyed"))
                .expectEvents(eradicated());
    }

    @Test
    void aTriagedIncidentCannotBeEradicatedBeforeItIsContained() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH))
                .when(new EradicateIncident(ID, ERADICATED_AT, "Key destroyed"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeEradicatedBeforeItWasContained() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained())
                .when(new EradicateIncident(ID, CONTAINED_AT.minusSeconds(1), "Key destroyed"))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectNoEvents();
    }

    // --- recovery ------------------------------------------------------------------------------------------------------

    @Test
    void anEradicatedIncidentCanBeRecovered() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained(), eradicated())
                .when(new RecoverIncident(ID, RECOVERED_AT, "Wallet back online with a new key"))
                .expectEvents(recovered());
    }

    @Test
    void aContainedIncidentCannotBeRecoveredBeforeItIsEradicated() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained())
                .when(new RecoverIncident(ID, RECOVERED_AT, "Wallet back online with a new key"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeRecoveredBeforeItWasEradicated() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained(), eradicated())
                .when(new RecoverIncident(ID, ERADICATED_AT.minusSeconds(1), "Wallet back online with a new key"))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectNoEvents();
    }

    // --- resolution ----------------------------------------------------------------------------------------------------

    @Test
    void aRecoveredIncidentCanBeResolved() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained(), eradicated(), recovered())
                .when(resolve(RESOLVED_AT))
                .expectEvents(resolved(RESOLVED_AT));
    }

    @Test
    void aTriagedIncidentCanBeResolvedWithoutContainment() {
        fixture.given(reported(LOW), acknowledged(), triaged(LOW))
                .when(resolve(RESOLVED_AT))
                .expectEvents(resolved(RESOLVED_AT));
    }

    @Test
    void aContainedIncidentCanBeResolved() {
        fixture.given(reported(LOW), acknowledged(), triaged(LOW), contained())
                .when(resolve(RESOLVED_AT))
                .expectEvents(resolved(RESOLVED_AT));
    }

    @Test
    void anEradicatedIncidentCanBeResolved() {
        fixture.given(reported(LOW), acknowledged(), triaged(LOW), contained(), eradicated())
                .when(resolve(RESOLVED_AT))
                .expectEvents(resolved(RESOLVED_AT));
    }

    @Test
    void anIncidentCannotBeResolvedBeforeItIsTriaged() {
        fixture.given(reported(LOW), acknowledged())
                .when(resolve(RESOLVED_AT))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectExceptionMessage(containsString("must be one of"))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeResolvedTwice() {
        fixture.given(reported(LOW), acknowledged(), triaged(LOW), resolved(RESOLVED_AT))
                .when(resolve(RESOLVED_AT.plusSeconds(60)))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeResolvedBeforeItWasRecovered() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained(), eradicated(), recovered())
                .when(resolve(RECOVERED_AT.minusSeconds(1)))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectNoEvents();
    }

    // --- post-incident review ------------------------------------------------------------------------------------------

    @Test
    void aResolvedIncidentCanHaveItsPostIncidentReviewRecorded() {
        fixture.given(resolvedHistory(HIGH))
                .when(new RecordPostIncidentReview(ID, ROOT_CAUSE, LESSONS, ACTION_ITEMS))
                .expectEvents(reviewRecorded());
    }

    @Test
    void anIncidentThatIsNotYetResolvedCannotBeReviewed() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH), contained(), eradicated(), recovered())
                .when(new RecordPostIncidentReview(ID, ROOT_CAUSE, LESSONS, ACTION_ITEMS))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aClosedIncidentCannotBeReviewed() {
        fixture.given(closedHistory(LOW))
                .when(new RecordPostIncidentReview(ID, ROOT_CAUSE, LESSONS, ACTION_ITEMS))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- closing -------------------------------------------------------------------------------------------------------

    @Test
    void aResolvedLowIncidentClosesWithoutAReview() {
        fixture.given(resolvedHistory(LOW))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectEvents(new IncidentClosed(ID, CLOSED_AT));
    }

    @Test
    void aResolvedMediumIncidentClosesWithoutAReview() {
        fixture.given(resolvedHistory(MEDIUM))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectEvents(new IncidentClosed(ID, CLOSED_AT));
    }

    @Test
    void closingAHighIncidentRequiresAReview() {
        fixture.given(resolvedHistory(HIGH))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("review-required", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void closingACriticalIncidentRequiresAReview() {
        fixture.given(resolvedHistory(CRITICAL))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("review-required", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aHighIncidentClosesOnceItsReviewIsRecorded() {
        fixture.given(resolvedHistory(HIGH)).andGiven(reviewRecorded())
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectEvents(new IncidentClosed(ID, CLOSED_AT));
    }

    @Test
    void anIncidentDeescalatedFromHighStillRequiresAReviewToClose() {
        fixture.given(reported(HIGH), acknowledged(), triaged(HIGH),
                        new IncidentDeescalated(ID, HIGH, MEDIUM, "Smaller than feared"), resolved(RESOLVED_AT))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("review-required", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aReportWithoutADetectionTimeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(report(MEDIUM, null, null))
                .expectException(refusal("missing-time", INVALID))
                .expectNoEvents();
    }

    @Test
    void aPhaseWithoutItsTimeIsRefused() {
        fixture.given(resolvedHistory(LOW))
                .when(new CloseIncident(ID, null))
                .expectException(refusal("missing-time", INVALID))
                .expectNoEvents();
    }

    @Test
    void aCriticalIncidentClosesOnceItsReviewIsRecorded() {
        fixture.given(resolvedHistory(CRITICAL)).andGiven(reviewRecorded())
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectEvents(new IncidentClosed(ID, CLOSED_AT));
    }

    @Test
    void anIncidentEscalatedToHighWhileOpenRequiresAReviewToClose() {
        fixture.given(reported(LOW), acknowledged(), triaged(LOW),
                        new IncidentEscalated(ID, LOW, HIGH, "Funds moved"), resolved(RESOLVED_AT))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("review-required", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentThatIsNotResolvedCannotBeClosed() {
        fixture.given(reported(LOW), acknowledged(), triaged(LOW), contained(), eradicated(), recovered())
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeClosedTwice() {
        fixture.given(closedHistory(LOW))
                .when(new CloseIncident(ID, CLOSED_AT.plusSeconds(60)))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aDismissedIncidentCannotBeClosed() {
        fixture.given(reported(LOW), dismissed())
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeClosedBeforeItWasResolved() {
        fixture.given(resolvedHistory(LOW))
                .when(new CloseIncident(ID, RESOLVED_AT.minusSeconds(1)))
                .expectException(refusal("time-out-of-order", INVALID))
                .expectExceptionMessage(containsString("closedAt"))
                .expectNoEvents();
    }

    // --- dismissal -----------------------------------------------------------------------------------------------------

    @Test
    void aReportedIncidentCanBeDismissedAsAFalsePositive() {
        fixture.given(reported(MEDIUM))
                .when(new DismissIncident(ID, "Test key, never held funds"))
                .expectEvents(dismissed());
    }

    @Test
    void aContainedIncidentCanBeDismissedAsAFalsePositive() {
        fixture.given(reported(MEDIUM), acknowledged(), triaged(MEDIUM), contained())
                .when(new DismissIncident(ID, "Test key, never held funds"))
                .expectEvents(dismissed());
    }

    @Test
    void aClosedIncidentCannotBeDismissed() {
        fixture.given(closedHistory(LOW))
                .when(new DismissIncident(ID, "Test key, never held funds"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aResolvedIncidentCannotBeDismissed() {
        fixture.given(resolvedHistory(LOW))
                .when(new DismissIncident(ID, "Test key, never held funds"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeDismissedTwice() {
        fixture.given(reported(LOW), dismissed())
                .when(new DismissIncident(ID, "Test key, never held funds"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- reopening -----------------------------------------------------------------------------------------------------

    @Test
    void reopeningAResolvedIncidentResumesItAtTriage() {
        fixture.given(resolvedHistory(MEDIUM))
                .when(new ReopenIncident(ID, "Key reused elsewhere"))
                .expectEvents(new IncidentReopened(ID, "Key reused elsewhere", IncidentStatus.TRIAGED));
    }

    @Test
    void reopeningAnIncidentDismissedBeforeTriageResumesItAsAcknowledged() {
        fixture.given(reported(MEDIUM), acknowledged(), dismissed())
                .when(new ReopenIncident(ID, "Not a test key after all"))
                .expectEvents(new IncidentReopened(ID, "Not a test key after all", IncidentStatus.ACKNOWLEDGED));
    }

    @Test
    void reopeningAnIncidentDismissedAfterTriageResumesItAtTriage() {
        fixture.given(reported(MEDIUM), acknowledged(), triaged(MEDIUM), dismissed())
                .when(new ReopenIncident(ID, "Not a test key after all"))
                .expectEvents(new IncidentReopened(ID, "Not a test key after all", IncidentStatus.TRIAGED));
    }

    @Test
    void anIncidentReopenedAsAcknowledgedCanBeTriaged() {
        fixture.given(reported(MEDIUM), acknowledged(), dismissed(), reopened(IncidentStatus.ACKNOWLEDGED))
                .when(triage(HIGH))
                .expectEvents(triaged(HIGH));
    }

    @Test
    void anIncidentReopenedAtTriageCanBeContainedAgainAfterItsEarlierResolution() {
        fixture.given(resolvedHistory(MEDIUM)).andGiven(reopened(IncidentStatus.TRIAGED))
                .when(new ContainIncident(ID, RECONTAINED_AT, "Second key revoked"))
                .expectEvents(new IncidentContained(ID, RECONTAINED_AT, "Second key revoked"));
    }

    @Test
    void anOpenIncidentCannotBeReopened() {
        fixture.given(reported(MEDIUM), acknowledged(), triaged(MEDIUM))
                .when(new ReopenIncident(ID, "Key reused elsewhere"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aClosedIncidentCannotBeReopened() {
        fixture.given(closedHistory(LOW))
                .when(new ReopenIncident(ID, "Key reused elsewhere"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aReopenedHighIncidentNeedsAFreshReviewBeforeItCloses() {
        fixture.given(resolvedHistory(HIGH))
                .andGiven(reviewRecorded(), reopened(IncidentStatus.TRIAGED), resolved(RERESOLVED_AT))
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectException(refusal("review-required", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aReopenedHighIncidentClosesAfterItsFreshReview() {
        fixture.given(resolvedHistory(HIGH))
                .andGiven(reviewRecorded(), reopened(IncidentStatus.TRIAGED), resolved(RERESOLVED_AT),
                        reviewRecorded())
                .when(new CloseIncident(ID, CLOSED_AT))
                .expectEvents(new IncidentClosed(ID, CLOSED_AT));
    }

    // --- notes ---------------------------------------------------------------------------------------------------------

    @Test
    void aNoteCanBeAddedToAnOpenIncident() {
        fixture.given(reported(MEDIUM), acknowledged())
                .when(new AddNote(ID, "Exchange partners notified"))
                .expectEvents(new NoteAdded(ID, "Exchange partners notified"));
    }

    @Test
    void aNoteCannotBeAddedToAClosedIncident() {
        fixture.given(closedHistory(LOW))
                .when(new AddNote(ID, "Exchange partners notified"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- evidence ------------------------------------------------------------------------------------------------------

    @Test
    void evidenceCanBeAttachedByReference() {
        fixture.given(reported(HIGH))
                .when(attachEvidence("ci-log.txt", LOG_SHA256))
                .expectEvents(evidenceAttached("ci-log.txt", LOG_SHA256));
    }

    @Test
    void differentEvidenceCanBeAttachedAlongsideEarlierEvidence() {
        fixture.given(reported(HIGH), evidenceAttached("ci-log.txt", LOG_SHA256))
                .when(attachEvidence("memory.dump", DUMP_SHA256))
                .expectEvents(evidenceAttached("memory.dump", DUMP_SHA256));
    }

    @Test
    void theSameEvidenceCannotBeAttachedTwice() {
        fixture.given(reported(HIGH), evidenceAttached("ci-log.txt", LOG_SHA256))
                .when(attachEvidence("ci-log-copy.txt", LOG_SHA256))
                .expectException(refusal("duplicate-evidence", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void evidenceCannotBeAttachedToAClosedIncident() {
        fixture.given(closedHistory(LOW))
                .when(attachEvidence("ci-log.txt", LOG_SHA256))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- assignments ---------------------------------------------------------------------------------------------------

    @Test
    void aCommanderCanBeAssignedToAnIncidentWithoutOne() {
        fixture.given(reported(HIGH))
                .when(new AssignIncident(ID, COMMANDER, ALICE))
                .expectEvents(new IncidentAssigned(ID, COMMANDER, ALICE, null));
    }

    @Test
    void assigningANewCommanderReportsWhomItReplaced() {
        fixture.given(reported(HIGH), assigned(COMMANDER, ALICE, null))
                .when(new AssignIncident(ID, COMMANDER, BOB))
                .expectEvents(new IncidentAssigned(ID, COMMANDER, BOB, ALICE));
    }

    @Test
    void assigningANewScribeReportsWhomItReplaced() {
        fixture.given(reported(HIGH), assigned(SCRIBE, ALICE, null))
                .when(new AssignIncident(ID, SCRIBE, BOB))
                .expectEvents(new IncidentAssigned(ID, SCRIBE, BOB, ALICE));
    }

    @Test
    void aReplacedCommanderCanTakeTheSeatBackFromTheirSuccessor() {
        fixture.given(reported(HIGH), assigned(COMMANDER, ALICE, null), assigned(COMMANDER, BOB, ALICE))
                .when(new AssignIncident(ID, COMMANDER, ALICE))
                .expectEvents(new IncidentAssigned(ID, COMMANDER, ALICE, BOB));
    }

    @Test
    void respondersAccumulateInsteadOfReplacingEachOther() {
        fixture.given(reported(HIGH), assigned(RESPONDER, ALICE, null), assigned(RESPONDER, BOB, null))
                .when(new AssignIncident(ID, RESPONDER, CAROL))
                .expectEvents(new IncidentAssigned(ID, RESPONDER, CAROL, null));
    }

    @Test
    void theSameResponderCannotBeAssignedTwice() {
        fixture.given(reported(HIGH), assigned(RESPONDER, ALICE, null), assigned(RESPONDER, BOB, null))
                .when(new AssignIncident(ID, RESPONDER, ALICE))
                .expectException(refusal("already-assigned", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theSittingCommanderCannotBeAssignedAgain() {
        fixture.given(reported(HIGH), assigned(COMMANDER, ALICE, null))
                .when(new AssignIncident(ID, COMMANDER, ALICE))
                .expectException(refusal("already-assigned", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aPersonCanHoldDifferentRolesOnTheSameIncident() {
        fixture.given(reported(HIGH), assigned(COMMANDER, ALICE, null))
                .when(new AssignIncident(ID, RESPONDER, ALICE))
                .expectEvents(new IncidentAssigned(ID, RESPONDER, ALICE, null));
    }

    @Test
    void nobodyCanBeAssignedToAClosedIncident() {
        fixture.given(closedHistory(LOW))
                .when(new AssignIncident(ID, RESPONDER, ALICE))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- containment actions -------------------------------------------------------------------------------------------

    @Test
    void aContainmentActionTakenByHandCanBeRecorded() {
        fixture.given(reported(CRITICAL), acknowledged(), triaged(CRITICAL))
                .when(new RecordContainmentAction(ID, ContainmentActionType.REVOKE_KEY, HOT_WALLET_KEY,
                        "Revoked in the HSM", ACTION_PERFORMED_AT))
                .expectEvents(new ContainmentActionRecorded(ID, ContainmentActionType.REVOKE_KEY, HOT_WALLET_KEY,
                        "Revoked in the HSM", ACTION_PERFORMED_AT));
    }

    @Test
    void aContainmentActionCannotBeRecordedOnAClosedIncident() {
        fixture.given(closedHistory(LOW))
                .when(new RecordContainmentAction(ID, ContainmentActionType.REVOKE_KEY, HOT_WALLET_KEY,
                        "Revoked in the HSM", ACTION_PERFORMED_AT))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- severity changes ----------------------------------------------------------------------------------------------

    @Test
    void escalatingRaisesTheSeverityFromTheCurrentOne() {
        fixture.given(reported(MEDIUM), acknowledged())
                .when(new EscalateIncident(ID, CRITICAL, "Funds moved"))
                .expectEvents(new IncidentEscalated(ID, MEDIUM, CRITICAL, "Funds moved"));
    }

    @Test
    void escalatingStartsFromTheSeverityTriageSettled() {
        fixture.given(reported(LOW), acknowledged(), triaged(HIGH))
                .when(new EscalateIncident(ID, CRITICAL, "Funds moved"))
                .expectEvents(new IncidentEscalated(ID, HIGH, CRITICAL, "Funds moved"));
    }

    @Test
    void escalatingToTheCurrentSeverityIsRefused() {
        fixture.given(reported(LOW), acknowledged(), triaged(HIGH))
                .when(new EscalateIncident(ID, HIGH, "Funds moved"))
                .expectException(refusal("severity-not-higher", INVALID))
                .expectNoEvents();
    }

    @Test
    void escalatingToALowerSeverityIsRefused() {
        fixture.given(reported(HIGH))
                .when(new EscalateIncident(ID, LOW, "Funds moved"))
                .expectException(refusal("severity-not-higher", INVALID))
                .expectNoEvents();
    }

    @Test
    void aResolvedIncidentCannotBeEscalated() {
        fixture.given(resolvedHistory(LOW))
                .when(new EscalateIncident(ID, HIGH, "Funds moved"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void deescalatingLowersTheSeverityFromTheCurrentOne() {
        fixture.given(reported(CRITICAL), acknowledged())
                .when(new DeescalateIncident(ID, MEDIUM, "No funds at risk"))
                .expectEvents(new IncidentDeescalated(ID, CRITICAL, MEDIUM, "No funds at risk"));
    }

    @Test
    void deescalatingToTheCurrentSeverityIsRefused() {
        fixture.given(reported(MEDIUM))
                .when(new DeescalateIncident(ID, MEDIUM, "No funds at risk"))
                .expectException(refusal("severity-not-lower", INVALID))
                .expectNoEvents();
    }

    @Test
    void deescalatingToAHigherSeverityIsRefused() {
        fixture.given(reported(MEDIUM), new IncidentEscalated(ID, MEDIUM, HIGH, "Funds moved"))
                .when(new DeescalateIncident(ID, CRITICAL, "No funds at risk"))
                .expectException(refusal("severity-not-lower", INVALID))
                .expectNoEvents();
    }

    @Test
    void aClosedIncidentCannotBeDeescalated() {
        fixture.given(closedHistory(MEDIUM))
                .when(new DeescalateIncident(ID, LOW, "No funds at risk"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    // --- commands ------------------------------------------------------------------------------------------------------

    private static ReportIncident report(Severity severity, Instant occurredAt, Instant detectedAt) {
        return new ReportIncident(ID, TITLE, DESCRIPTION, severity, CATEGORY, SOURCE, occurredAt, detectedAt);
    }

    private static TriageIncident triage(Severity severity) {
        return new TriageIncident(ID, severity, CATEGORY, AFFECTED_ASSETS, CLASSIFIED_AT);
    }

    private static ResolveIncident resolve(Instant resolvedAt) {
        return new ResolveIncident(ID, "Key rotated, no funds lost", resolvedAt);
    }

    private static AttachEvidence attachEvidence(String name, String sha256) {
        return new AttachEvidence(ID, name, sha256, "s3://evidence/" + name, "Copy of " + name);
    }

    // --- events --------------------------------------------------------------------------------------------------------

    private static IncidentReported reported(Severity severity) {
        return new IncidentReported(ID, TITLE, DESCRIPTION, severity, CATEGORY, SOURCE, OCCURRED_AT, DETECTED_AT);
    }

    private static IncidentAcknowledged acknowledged() {
        return new IncidentAcknowledged(ID);
    }

    private static IncidentTriaged triaged(Severity severity) {
        return new IncidentTriaged(ID, severity, CATEGORY, AFFECTED_ASSETS, CLASSIFIED_AT);
    }

    private static IncidentContained contained() {
        return new IncidentContained(ID, CONTAINED_AT, "Key revoked");
    }

    private static IncidentEradicated eradicated() {
        return new IncidentEradicated(ID, ERADICATED_AT, "Key destroyed");
    }

    private static IncidentRecovered recovered() {
        return new IncidentRecovered(ID, RECOVERED_AT, "Wallet back online with a new key");
    }

    private static IncidentResolved resolved(Instant resolvedAt) {
        return new IncidentResolved(ID, "Key rotated, no funds lost", resolvedAt);
    }

    private static PostIncidentReviewRecorded reviewRecorded() {
        return new PostIncidentReviewRecorded(ID, ROOT_CAUSE, LESSONS, ACTION_ITEMS);
    }

    private static IncidentDismissed dismissed() {
        return new IncidentDismissed(ID, "Test key, never held funds");
    }

    private static IncidentReopened reopened(IncidentStatus resumed) {
        return new IncidentReopened(ID, "Key reused elsewhere", resumed);
    }

    private static IncidentAssigned assigned(AssignmentRole role, String assignee,
                                             String replaced) {
        return new IncidentAssigned(ID, role, assignee, replaced);
    }

    private static EvidenceAttached evidenceAttached(String name, String sha256) {
        return new EvidenceAttached(ID, name, sha256, "s3://evidence/" + name, "Copy of " + name);
    }

    /** The full response of an incident of this severity, up to and including its resolution. */
    private static List<Object> resolvedHistory(Severity severity) {
        return List.of(reported(severity), acknowledged(), triaged(severity), contained(), eradicated(), recovered(),
                resolved(RESOLVED_AT));
    }

    /** A LOW or MEDIUM incident, resolved and closed without a review. */
    private static List<Object> closedHistory(Severity severity) {
        return List.of(reported(severity), acknowledged(), triaged(severity), contained(), eradicated(), recovered(),
                resolved(RESOLVED_AT), new IncidentClosed(ID, CLOSED_AT));
    }

}
