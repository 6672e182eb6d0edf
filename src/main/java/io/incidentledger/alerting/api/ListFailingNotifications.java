package io.incidentledger.alerting.api;

/**
 * Ask for the notifications of every incident whose delivery failed and that have not been delivered since, the
 * latest failed attempt first, at most {@code limit} of them; answered with a {@code FailingNotificationsView} that
 * also counts them all.
 */
public record ListFailingNotifications(int limit) {
}
