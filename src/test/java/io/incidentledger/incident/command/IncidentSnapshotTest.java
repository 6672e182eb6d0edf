package io.incidentledger.incident.command;

import static io.incidentledger.common.CommandRefusedException.Kind.CONFLICT;
import static io.incidentledger.common.CommandRefusedException.Kind.INVALID;
import static io.incidentledger.common.CommandRefusedException.Kind.NOT_FOUND;
import static io.incidentledger.incident.command.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.NotificationDelivered;
import io.incidentledger.alerting.api.NotificationDeliveryFailed;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.config.AxonStorageConfiguration;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.detection.api.AttachDetection;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignIncident;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.CloseIncident;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.DeescalateIncident;
import io.incidentledger.incident.api.EvidenceAttached;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentAssigned;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentDeescalated;
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
import io.incidentledger.incident.api.ReopenIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.review.api.AddReviewActionItem;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;
import io.incidentledger.review.api.StartReviewActionItem;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An incident loaded from a snapshot is the incident replayed from its events: the snapshot, written and read by the
 * application's serializer, restores every field of the incident and its members, and every command is then taken or
 * refused exactly as by the replayed incident. Each behaviour runs twice: on the replayed incident and on one
 * restored from a snapshot of it.
 */
class IncidentSnapshotTest {

    private static final IncidentId ID = new IncidentId("5d0c9a1e-7b3f-4e2a-9c61-2f8e4d7a0b15");
    private static final Instant OCCURRED_AT = Instant.parse("2026-05-04T06:00:00Z");
    private static final Instant DETECTED_AT = Instant.parse("2026-05-04T07:00:00Z");
    private static final Instant CLASSIFIED_AT = DETECTED_AT.plus(Duration.ofMinutes(10));
    private static final Instant RESOLVED_AT = DETECTED_AT.plus(Duration.ofHours(5));
    private static final Instant REPORT_DUE = DETECTED_AT.plus(Duration.ofHours(72));
    private static final AffectedAsset KEY = new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-3", "ethereum");
    private static final AffectedAsset NODE = new AffectedAsset(AssetType.NODE, "validator-9", null);
    private static final String EVIDENCE = "b".repeat(64);
    private static final LocalDate DUE = LocalDate.parse("2026-06-30");
    private static final MetaData BY_CAROL = MetaData.with("actor", "carol");
    private static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(AxonStorageConfiguration.axonObjectMapper()).build();

    /** Where the incident under test comes from. */
    enum Load {
        REPLAYED, FROM_SNAPSHOT
    }

    /** Open, triaged and HIGH, with two steps (one executed), a failing notification and an announced deadline. */
    private static List<Object> open() {
        return new ArrayList<>(List.of(
                new IncidentReported(ID, "Hot wallet drained", "outflows to an unknown address", Severity.MEDIUM,
                        Category.KEY_COMPROMISE, IncidentSource.DETECTION, OCCURRED_AT, DETECTED_AT),
                new DetectionAttached(ID, detection("alert-1")),
                new IncidentAcknowledged(ID),
                new IncidentTriaged(ID, Severity.MEDIUM, Category.KEY_COMPROMISE, List.of(KEY), CLASSIFIED_AT),
                new IncidentAssigned(ID, AssignmentRole.COMMANDER, "alice", null),
                new IncidentAssigned(ID, AssignmentRole.RESPONDER, "bob", null),
                new EvidenceAttached(ID, "signer.log", EVIDENCE, "s3://evidence/signer.log", "signer audit log"),
                new IncidentEscalated(ID, Severity.MEDIUM, Severity.HIGH, "customer funds affected"),
                new ContainmentStepRequested(ID, "step-1", "key-compromise", ContainmentStepAction.REVOKE_KEY, KEY,
                        true, "playbook key-compromise"),
                new ContainmentStepRequested(ID, "step-2", "key-compromise", ContainmentStepAction.ISOLATE_NODE,
                        NODE, false, "playbook key-compromise"),
                new ContainmentStepExecuted(ID, "step-2", "webhook", "ticket-17", 1, DETECTED_AT.plusSeconds(5)),
                new RegimesAssessed(ID, List.of(Regime.GDPR), "personal data of customers"),
                new DeadlineApproaching(ID, DeadlineKind.REGULATORY_REPORT, "GDPR_SA_NOTIFICATION", REPORT_DUE),
                new NotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail", "oncall@example.org", 5,
                        "connection refused")));
    }

    /** The same incident taken to resolution, reviewed (items A1 and A2, A2 started), with a third item A3. */
    private static List<Object> resolvedAndReviewed() {
        List<Object> history = open();
        history.addAll(List.of(
                new IncidentContained(ID, DETECTED_AT.plus(Duration.ofHours(1)), "signer revoked"),
                new IncidentEradicated(ID, DETECTED_AT.plus(Duration.ofHours(2)), "key destroyed"),
                new IncidentRecovered(ID, DETECTED_AT.plus(Duration.ofHours(3)), "withdrawals resumed"),
                new IncidentResolved(ID, "contained and remediated", RESOLVED_AT),
                new PostIncidentReviewRecorded(ID, "a leaked key", "rotate keys", List.of("rotate", "monitor")),
                new ReviewActionItemStarted(ID, "A2"),
                new ReviewActionItemAdded(ID, "A3", "audit the signer", "custody-team", DUE)));
        return history;
    }

    private static Detection detection(String alertId) {
        return new Detection(DetectionSource.GENERIC, "siem/" + alertId, "Hot wallet drained", "seen by the SIEM",
                "HIGH", Severity.HIGH, Category.KEY_COMPROMISE, "1", List.of("0xdrainer"), List.of("0xabc"),
                List.of(), "generic:siem:drain", "c".repeat(64), null, null, null, DETECTED_AT);
    }

    private static TestExecutor<Incident> given(Load load, List<Object> history) {
        AggregateTestFixture<Incident> fixture = new AggregateTestFixture<>(Incident.class);
        return load == Load.REPLAYED ? fixture.given(history) : fixture.givenState(() -> fromSnapshot(history));
    }

    private static Incident replayed(List<Object> history) {
        AggregateModel<Incident> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Incident.class);
        List<GenericDomainEventMessage<?>> events = IntStream.range(0, history.size())
                .<GenericDomainEventMessage<?>>mapToObj(sequence -> new GenericDomainEventMessage<>("Incident",
                        ID.value(), sequence, history.get(sequence)))
                .toList();
        Incident root = new GenericAggregateFactory<>(model).createAggregateRoot(ID.value(), events.get(0));
        EventSourcedAggregate<Incident> aggregate = EventSourcedAggregate.initialize(root, model, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events));
        return aggregate.getAggregateRoot();
    }

    /** Written and read back as the storage engine does with a snapshot. */
    private static Incident fromSnapshot(List<Object> history) {
        return SERIALIZER.deserialize(SERIALIZER.serialize(replayed(history), byte[].class));
    }

    @Test
    void aSnapshotRestoresEveryFieldOfTheIncidentAndItsMembers() {
        Incident replayed = replayed(resolvedAndReviewed());

        assertThat(fromSnapshot(resolvedAndReviewed())).usingRecursiveComparison().isEqualTo(replayed);
        assertThat(replayed).usingRecursiveComparison().isNotEqualTo(replayed(open()));
    }

    /**
     * A snapshot is read only by the revision it was written with. When this list changes, the stored state changed:
     * raise the {@code @Revision} of {@link Incident}, so that snapshots of the old shape are passed over.
     */
    @Test
    void theStoredStateIsTheOneOfItsRevision() {
        assertThat(Incident.class.getAnnotation(Revision.class).value())
                .isEqualTo("1");
        assertThat(storedFields(Incident.class, "Incident")).containsExactly(
                "Incident.incidentId: IncidentId",
                "Incident.status: IncidentStatus",
                "Incident.severity: Severity",
                "Incident.acknowledged: boolean",
                "Incident.triaged: boolean",
                "Incident.detectedAt: Instant",
                "Incident.reviewRequired: boolean",
                "Incident.reviewed: boolean",
                "Incident.latestPhaseAt: Instant",
                "Incident.assignees: EnumMap",
                "Incident.evidenceDigests: Set",
                "Incident.detectionFingerprints: Set",
                "Incident.affectedAssets: LinkedHashSet",
                "Incident.steps: Map",
                "ContainmentStep.stepId: String",
                "ContainmentStep.status: ContainmentStepStatus",
                "Incident.reviewFollowUp: ReviewFollowUp",
                "ReviewFollowUp.reviewRecorded: boolean",
                "ReviewFollowUp.actionItems: Map",
                "ReviewActionItem.itemId: String",
                "ReviewActionItem.status: ActionItemStatus",
                "Incident.complianceFacts: ComplianceFacts",
                "ComplianceFacts.occurredAt: Instant",
                "ComplianceFacts.detectedAt: Instant",
                "ComplianceFacts.regimesAssessed: boolean",
                "ComplianceFacts.assessedRegimes: EnumSet",
                "Incident.notifications: NotificationReceipts",
                "NotificationReceipts.failing: Map",
                "Incident.deadlines: DeadlineAnnouncements",
                "DeadlineAnnouncements.announced: Set");
    }

    /** The fields of the class, and of the members of this package it holds (directly or as map values). */
    private static List<String> storedFields(Class<?> type, String name) {
        List<String> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            fields.add(name + "." + field.getName() + ": " + field.getType().getSimpleName());
            Class<?> member = field.getType();
            if (Map.class.isAssignableFrom(member)) {
                Type value = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[1];
                member = value instanceof Class<?> valueClass ? valueClass : Object.class;
            }
            if (member.getPackage() == Incident.class.getPackage()) {
                fields.addAll(storedFields(member, member.getSimpleName()));
            }
        }
        return fields;
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void aResolvedIncidentClosesOnceReviewedNotBeforeItsResolution(Load load) {
        given(load, resolvedAndReviewed())
                .when(new CloseIncident(ID, RESOLVED_AT.plusSeconds(1)))
                .expectEvents(new IncidentClosed(ID, RESOLVED_AT.plusSeconds(1)));
        given(load, resolvedAndReviewed())
                .when(new CloseIncident(ID, RESOLVED_AT.minusSeconds(1)))
                .expectException(refusal("time-out-of-order", INVALID));
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void aReopenedIncidentResumesAsTriaged(Load load) {
        given(load, resolvedAndReviewed())
                .when(new ReopenIncident(ID, "the drain resumed"))
                .expectEvents(new IncidentReopened(ID, "the drain resumed", IncidentStatus.TRIAGED));
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void eachStepKeepsItsOwnState(Load load) {
        given(load, resolvedAndReviewed())
                .when(new RecordContainmentStepExecuted(ID, "step-2", "webhook", "ticket-17", 1, RESOLVED_AT))
                .expectNoEvents();
        given(load, resolvedAndReviewed())
                .when(new RecordContainmentStepFailed(ID, "step-1", 3, "timeout"))
                .expectException(refusal("illegal-step-transition", CONFLICT));
        given(load, resolvedAndReviewed())
                .when(new RecordContainmentStepFailed(ID, "step-9", 3, "timeout"))
                .expectException(refusal("step-not-found", NOT_FOUND));
        given(load, resolvedAndReviewed())
                .when(new RequestContainmentStep(ID, "step-1", "manual", ContainmentStepAction.REVOKE_KEY, KEY, false,
                        "again"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void aWaitingStepIsApprovedWhileTheIncidentIsOpen(Load load) {
        given(load, open())
                .when(new ApproveContainmentStep(ID, "step-1", "go"), BY_CAROL)
                .expectEvents(new ContainmentStepApproved(ID, "step-1", "carol", "go"));
        given(load, resolvedAndReviewed())
                .when(new ApproveContainmentStep(ID, "step-1", "go"), BY_CAROL)
                .expectException(refusal("illegal-transition", CONFLICT));
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void eachActionItemKeepsItsOwnStateAndTheNextIsNumberedOn(Load load) {
        given(load, resolvedAndReviewed())
                .when(new StartReviewActionItem(ID, "A2"))
                .expectException(refusal("action-item-not-open", CONFLICT));
        given(load, resolvedAndReviewed())
                .when(new CloseReviewActionItem(ID, "A1", "keys rotated"))
                .expectEvents(new ReviewActionItemClosed(ID, "A1", "keys rotated"));
        given(load, resolvedAndReviewed())
                .when(new AddReviewActionItem(ID, "drill the playbook", "soc", DUE))
                .expectEvents(new ReviewActionItemAdded(ID, "A4", "drill the playbook", "soc", DUE))
                .expectResultMessagePayload("A4");
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void aFailedNotificationIsRecordedOnceAndItsDeliveryOnce(Load load) {
        given(load, resolvedAndReviewed())
                .when(new RecordNotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail",
                        "oncall@example.org", 6, "connection refused"))
                .expectNoEvents();
        given(load, resolvedAndReviewed())
                .when(new RecordNotificationDelivered(ID, "n-1", "mail", "oncall@example.org", 7))
                .expectEvents(new NotificationDelivered(ID, "n-1", "mail", "oncall@example.org", 7));
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void aRegulatoryDeadlineIsAnnouncedOnce(Load load) {
        given(load, resolvedAndReviewed())
                .when(new RecordDeadlineApproaching(ID, DeadlineKind.REGULATORY_REPORT, "GDPR_SA_NOTIFICATION",
                        REPORT_DUE))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void complianceFactsKeepToTheAssessedRegimesAndTheOccurrence(Load load) {
        given(load, resolvedAndReviewed())
                .when(new RecordReportSubmission(ID, Stage.DORA_INITIAL, RESOLVED_AT, "ref-1", null))
                .expectException(refusal("regime-not-applicable", INVALID));
        given(load, resolvedAndReviewed())
                .when(new RecordAwareness(ID, OCCURRED_AT.minusSeconds(1), "SIEM alert"))
                .expectException(refusal("time-out-of-order", INVALID));
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void aDetectionDeliveredAgainIsADuplicate(Load load) {
        given(load, resolvedAndReviewed())
                .when(new AttachDetection(ID, detection("alert-1")))
                .expectNoEvents()
                .expectResultMessagePayload(DetectionOutcome.DUPLICATE);
        given(load, resolvedAndReviewed())
                .when(new AttachDetection(ID, detection("alert-2")))
                .expectException(refusal("incident-not-open", CONFLICT));
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void assignmentsEvidenceAssetsAndSeverityAreRemembered(Load load) {
        given(load, open())
                .when(new AssignIncident(ID, AssignmentRole.COMMANDER, "alice"))
                .expectException(refusal("already-assigned", CONFLICT));
        given(load, open())
                .when(new AssignIncident(ID, AssignmentRole.COMMANDER, "dana"))
                .expectEvents(new IncidentAssigned(ID, AssignmentRole.COMMANDER, "dana", "alice"));
        given(load, open())
                .when(new AttachEvidence(ID, "again.log", EVIDENCE, "s3://evidence/again.log", "the same log"))
                .expectException(refusal("duplicate-evidence", CONFLICT));
        given(load, open())
                .when(new AddAffectedAssets(ID, List.of(KEY), "seen again"))
                .expectNoEvents();
        given(load, open())
                .when(new DeescalateIncident(ID, Severity.LOW, "contained quickly"))
                .expectEvents(new IncidentDeescalated(ID, Severity.HIGH, Severity.LOW, "contained quickly"));
        given(load, open())
                .when(new ContainIncident(ID, CLASSIFIED_AT.minusSeconds(1), "too early"))
                .expectException(refusal("time-out-of-order", INVALID));
    }
}
