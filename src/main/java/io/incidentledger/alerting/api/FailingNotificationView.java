package io.incidentledger.alerting.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;

/**
 * A notification about an incident that has failed to arrive at least once and has not arrived since.
 *
 * @param recipient       the recipient's configured name (addresses stay in the configuration)
 * @param lastError       why the last attempt failed, in words that quote no address or secret
 * @param failureRecorded whether the failure was recorded on the incident ({@code failure-threshold} reached)
 * @param nextAttemptAt   when delivery is tried again
 */
public record FailingNotificationView(IncidentId incidentId, String notificationId, String kind, String channel,
                                      String recipient, int attempts, String lastError, boolean failureRecorded,
                                      Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt) {
}
