package io.incidentledger.alerting;

import static io.incidentledger.common.SqlTimes.instant;
import static io.incidentledger.common.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code notification_outbox} table: notifications waiting to be sent, being retried, or delivered. Every change
 * the dispatcher makes names its claim, so a node that lost its claim (it took longer than the claim timeout) changes
 * nothing.
 */
public class NotificationOutbox {

    static final int ERROR_LIMIT = 500;

    private final JdbcTemplate jdbc;

    public NotificationOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification and where its delivery stands. */
    public record Entry(Notification notification, int attempts, Instant lastAttemptAt, String lastError,
                        Instant deliveredAt, Instant nextAttemptAt, boolean failureRecorded,
                        boolean deliveryRecorded) {

        public boolean delivered() {
            return deliveredAt != null;
        }
    }

    /**
     * Adds the notification unless a row with its id exists: a redelivered or replayed event adds nothing. Runs in
     * the processor's transaction, and only one node processes an event at a time, so checking first is enough.
     *
     * @return whether a row was added
     */
    public boolean add(Notification notification) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM notification_outbox WHERE notification_id = ?",
                Integer.class, notification.notificationId());
        if (existing != null && existing > 0) {
            return false;
        }
        jdbc.update("""
                        INSERT INTO notification_outbox (notification_id, incident_id, event_identifier, kind, channel,
                            recipient, title, severity, category, summary, occurred_at, attempts, next_attempt_at,
                            failure_recorded, delivery_recorded)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, FALSE)""",
                notification.notificationId(), notification.incidentId().value(), notification.eventIdentifier(),
                notification.kind().name(), notification.channel().name(), notification.recipient(),
                notification.title(), name(notification.severity()), name(notification.category()),
                notification.summary(), utc(notification.occurredAt()), utc(notification.occurredAt()));
        return true;
    }

    /** Ids of rows with work due at {@code now} that no live claim holds, oldest first. */
    List<String> due(Instant now, int limit) {
        return jdbc.queryForList("""
                        SELECT notification_id FROM notification_outbox
                        WHERE next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                        ORDER BY next_attempt_at, notification_id LIMIT ?""",
                String.class, utc(now), utc(now), limit);
    }

    /**
     * Takes the row for {@code claim} until {@code until}, if its work is still due and no live claim holds it. The
     * one UPDATE decides between nodes: exactly one of them sees a changed row.
     */
    boolean claim(String notificationId, String claim, Instant now, Instant until) {
        return jdbc.update("""
                        UPDATE notification_outbox SET claimed_by = ?, claimed_until = ?
                        WHERE notification_id = ? AND next_attempt_at <= ?
                          AND (claimed_until IS NULL OR claimed_until < ?)""",
                claim, utc(until), notificationId, utc(now), utc(now)) == 1;
    }

    Optional<Entry> find(String notificationId) {
        return jdbc.query("SELECT * FROM notification_outbox WHERE notification_id = ?", NotificationOutbox::entry,
                notificationId).stream().findFirst();
    }

    boolean delivered(String notificationId, String claim, int attempts, Instant at, Instant nextAttemptAt) {
        return jdbc.update("""
                        UPDATE notification_outbox SET attempts = ?, last_attempt_at = ?, delivered_at = ?,
                            next_attempt_at = ?
                        WHERE notification_id = ? AND claimed_by = ?""",
                attempts, utc(at), utc(at), utc(nextAttemptAt), notificationId, claim) == 1;
    }

    boolean failed(String notificationId, String claim, int attempts, Instant at, String error,
                   Instant nextAttemptAt) {
        return jdbc.update("""
                        UPDATE notification_outbox SET attempts = ?, last_attempt_at = ?, last_error = ?,
                            next_attempt_at = ?
                        WHERE notification_id = ? AND claimed_by = ?""",
                attempts, utc(at), NotificationText.clip(error, ERROR_LIMIT), utc(nextAttemptAt), notificationId,
                claim) == 1;
    }

    boolean failureRecorded(String notificationId, String claim) {
        return jdbc.update("UPDATE notification_outbox SET failure_recorded = TRUE "
                + "WHERE notification_id = ? AND claimed_by = ?", notificationId, claim) == 1;
    }

    boolean deliveryRecorded(String notificationId, String claim) {
        return jdbc.update("UPDATE notification_outbox SET delivery_recorded = TRUE, next_attempt_at = NULL "
                + "WHERE notification_id = ? AND claimed_by = ?", notificationId, claim) == 1;
    }

    boolean postpone(String notificationId, String claim, Instant nextAttemptAt) {
        return jdbc.update("UPDATE notification_outbox SET next_attempt_at = ? "
                + "WHERE notification_id = ? AND claimed_by = ?", utc(nextAttemptAt), notificationId, claim) == 1;
    }

    void release(String notificationId, String claim) {
        jdbc.update("UPDATE notification_outbox SET claimed_by = NULL, claimed_until = NULL "
                + "WHERE notification_id = ? AND claimed_by = ?", notificationId, claim);
    }

    /** The incident's notifications, oldest first. */
    public List<Entry> ofIncident(IncidentId incidentId) {
        return jdbc.query("""
                        SELECT * FROM notification_outbox WHERE incident_id = ?
                        ORDER BY occurred_at, kind, recipient, channel""",
                NotificationOutbox::entry, incidentId.value());
    }

    private static Entry entry(ResultSet row, int index) throws SQLException {
        String severity = row.getString("severity");
        String category = row.getString("category");
        Notification notification = new Notification(row.getString("notification_id"),
                new IncidentId(row.getString("incident_id")), row.getString("event_identifier"),
                NotificationKind.valueOf(row.getString("kind")), Channel.valueOf(row.getString("channel")),
                row.getString("recipient"), row.getString("title"),
                severity == null ? null : Severity.valueOf(severity),
                category == null ? null : Category.valueOf(category), row.getString("summary"),
                instant(row, "occurred_at"));
        return new Entry(notification, row.getInt("attempts"), instant(row, "last_attempt_at"),
                row.getString("last_error"), instant(row, "delivered_at"), instant(row, "next_attempt_at"),
                row.getBoolean("failure_recorded"), row.getBoolean("delivery_recorded"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
