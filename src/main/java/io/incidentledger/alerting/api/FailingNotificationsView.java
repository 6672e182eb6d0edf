package io.incidentledger.alerting.api;

import java.util.List;

/** Notifications that are failing to arrive: the latest-failed {@code items}, and how many fail in all. */
public record FailingNotificationsView(List<FailingNotificationView> items, long totalItems) {
}
