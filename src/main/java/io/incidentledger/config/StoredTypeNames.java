package io.incidentledger.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.alerting.api.NotificationDelivered;
import io.incidentledger.alerting.api.NotificationDeliveryFailed;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
import io.incidentledger.compliance.api.AssessRegimes;
import io.incidentledger.compliance.api.AwarenessRecorded;
import io.incidentledger.compliance.api.DetermineMateriality;
import io.incidentledger.compliance.api.ExtortionPaymentRecorded;
import io.incidentledger.compliance.api.MaterialityDetermined;
import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordExtortionPayment;
import io.incidentledger.compliance.api.RecordRegulatoryClassification;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.RegulatoryClassificationRecorded;
import io.incidentledger.compliance.api.RegulatoryReportSubmitted;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentActionRecorded;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.ContainmentActionView;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.RecordContainmentAction;
import io.incidentledger.containment.api.RecordContainmentStepAttemptFailed;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.api.RefuseContainmentStep;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.containment.api.RetryContainmentStep;
import io.incidentledger.detection.api.AttachDetection;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.api.DetectionView;
import io.incidentledger.detection.api.OpenIncidentFromDetection;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.review.api.ActionItemView;
import io.incidentledger.review.api.AddReviewActionItem;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.ContributingFactorRecorded;
import io.incidentledger.review.api.LessonsLearnedView;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ProcedureChangeRecorded;
import io.incidentledger.review.api.ProcedureChangeView;
import io.incidentledger.review.api.RecordContributingFactor;
import io.incidentledger.review.api.RecordPostIncidentReview;
import io.incidentledger.review.api.RecordProcedureChange;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;
import io.incidentledger.review.api.ReviewView;
import io.incidentledger.review.api.StartReviewActionItem;

/**
 * The payload type names stored with events, deadlines, dead letters and sagas are a contract: the hash chain covers
 * them, audit bundles and the API show them, and the store is never rewritten. A message class that moves keeps the
 * name it was first stored under; this is the table of such classes, read by {@link StableTypeNameSerializer}.
 * A class moved later is added here with the name it had until then (never remove an entry).
 */
public final class StoredTypeNames {

    /** Messages first stored under {@code io.incidentledger.incident.api}, moved to their feature's api (issue 11). */
    private static final String FIRST_PACKAGE = "io.incidentledger.incident.api.";
    private static final List<Class<?>> FIRST_IN_INCIDENT_API = List.of(
            DeadlineApproaching.class,
            DeadlineKind.class,
            DeadlineMissed.class,
            NotificationDelivered.class,
            NotificationDeliveryFailed.class,
            RecordDeadlineApproaching.class,
            RecordDeadlineMissed.class,
            RecordNotificationDelivered.class,
            RecordNotificationDeliveryFailed.class,
            AssessRegimes.class,
            AwarenessRecorded.class,
            DetermineMateriality.class,
            ExtortionPaymentRecorded.class,
            MaterialityDetermined.class,
            RecordAwareness.class,
            RecordExtortionPayment.class,
            RecordRegulatoryClassification.class,
            RecordReportSubmission.class,
            RegimesAssessed.class,
            RegulatoryClassificationRecorded.class,
            RegulatoryReportSubmitted.class,
            ApproveContainmentStep.class,
            ContainmentActionRecorded.class,
            ContainmentActionType.class,
            ContainmentActionView.class,
            ContainmentStepAction.class,
            ContainmentStepApproved.class,
            ContainmentStepAttemptFailed.class,
            ContainmentStepExecuted.class,
            ContainmentStepFailed.class,
            ContainmentStepRefused.class,
            ContainmentStepRequested.class,
            ContainmentStepRetryRequested.class,
            ContainmentStepStatus.class,
            ContainmentStepView.class,
            RecordContainmentAction.class,
            RecordContainmentStepAttemptFailed.class,
            RecordContainmentStepExecuted.class,
            RecordContainmentStepFailed.class,
            RefuseContainmentStep.class,
            RequestContainmentStep.class,
            RetryContainmentStep.class,
            AttachDetection.class,
            Detection.class,
            DetectionAttached.class,
            DetectionLabel.class,
            DetectionOutcome.class,
            DetectionSource.class,
            DetectionView.class,
            OpenIncidentFromDetection.class,
            ActionItemStatus.class,
            ActionItemView.class,
            AddReviewActionItem.class,
            CloseReviewActionItem.class,
            ContributingFactorRecorded.class,
            LessonsLearnedView.class,
            PostIncidentReviewRecorded.class,
            ProcedureChangeRecorded.class,
            ProcedureChangeView.class,
            RecordContributingFactor.class,
            RecordPostIncidentReview.class,
            RecordProcedureChange.class,
            ReviewActionItemAdded.class,
            ReviewActionItemClosed.class,
            ReviewActionItemStarted.class,
            ReviewView.class,
            StartReviewActionItem.class);

    private static final Map<Class<?>, String> NAME_OF_CLASS = FIRST_IN_INCIDENT_API.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), type -> FIRST_PACKAGE + type.getSimpleName()));
    private static final Map<String, Class<?>> CLASS_OF_NAME = NAME_OF_CLASS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private StoredTypeNames() {
    }

    /** The name {@code type} is stored under when it is not its class name. */
    public static Optional<String> storedName(Class<?> type) {
        return Optional.ofNullable(NAME_OF_CLASS.get(type));
    }

    /** The class now stored under {@code name} when that name is not its class name. */
    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(CLASS_OF_NAME.get(name));
    }

    /** Every mapped class with its stored name. */
    public static Map<Class<?>, String> all() {
        return NAME_OF_CLASS;
    }
}
