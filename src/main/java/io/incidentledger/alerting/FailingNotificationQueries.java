package io.incidentledger.alerting;

import static io.incidentledger.common.SqlTimes.instant;

import io.incidentledger.alerting.api.FailingNotificationView;
import io.incidentledger.alerting.api.FailingNotificationsView;
import io.incidentledger.alerting.api.ListFailingNotifications;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers which notifications, of all incidents, are failing to arrive, from the notification outbox. */
@Component
class FailingNotificationQueries {

    private static final int MAX_LIMIT = 500;
    private static final String FAILING = " FROM notification_outbox WHERE attempts > 0 AND delivered_at IS NULL";

    private final JdbcTemplate jdbc;

    FailingNotificationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    FailingNotificationsView handle(ListFailingNotifications query) {
        int limit = Math.max(0, Math.min(query.limit(), MAX_LIMIT));
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + FAILING, Long.class);
        return new FailingNotificationsView(jdbc.query("SELECT *" + FAILING
                        + " ORDER BY last_attempt_at DESC, notification_id LIMIT ?",
                (row, n) -> new FailingNotificationView(new IncidentId(row.getString("incident_id")),
                        row.getString("notification_id"), row.getString("kind"), row.getString("channel"),
                        row.getString("recipient"), row.getInt("attempts"), row.getString("last_error"),
                        row.getBoolean("failure_recorded"), instant(row, "occurred_at"),
                        instant(row, "last_attempt_at"), instant(row, "next_attempt_at")), limit),
                total == null ? 0 : total);
    }
}
