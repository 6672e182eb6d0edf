package io.incidentledger.alerting.api;

import java.time.Instant;

/**
 * One notification about an incident and where its delivery stands, as
 * {@code GET /api/incidents/{id}/notifications} and {@link ListNotifications} answer it.
 *
 * @param recipient       the recipient's configured name (addresses stay in the configuration)
 * @param status          {@code PENDING} (not tried yet), {@code FAILING} (the last attempt failed; retries go on)
 *                        or {@code DELIVERED}
 * @param lastError       why the last failed attempt failed, in words that quote no address or secret
 * @param failureRecorded whether the failure was recorded on the incident ({@code failure-threshold} reached)
 * @param createdAt       when the event that caused it was recorded
 * @param nextAttemptAt   when the next attempt is due, while not delivered
 */
public record NotificationView(String notificationId, String kind, String channel, String recipient, String status,
                               int attempts, String lastError, boolean failureRecorded, Instant createdAt,
                               Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {
}
