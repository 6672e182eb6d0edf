package io.incidentledger.alerting;

import java.net.URI;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;

/** The words of a notification: subject line, plain-text body and the link to the incident. */
public final class NotificationText {

    private NotificationText() {
    }

    /** {@code <base-url>/api/incidents/<id>}. */
    public static String link(URI baseUrl, IncidentId incidentId) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/incidents/" + incidentId;
    }

    /** E.g. {@code [HIGH] Incident reported: Hot wallet drained (3f1c…)}; one line whatever the title holds. */
    public static String subject(Notification notification) {
        String severity = notification.severity() == null ? "" : "[" + notification.severity() + "] ";
        return oneLine(severity + notification.kind().label() + ": " + notification.title() + " ("
                + notification.incidentId() + ")");
    }

    public static String body(Notification notification, URI baseUrl) {
        return notification.kind().label() + "\n\n"
                + "Incident: " + notification.incidentId() + "\n"
                + "Title:    " + oneLine(notification.title()) + "\n"
                + "Severity: " + orUnknown(notification.severity()) + "\n"
                + "Category: " + orUnknown(notification.category()) + "\n"
                + "When:     " + notification.occurredAt() + "\n\n"
                + notification.summary() + "\n\n"
                + link(baseUrl, notification.incidentId()) + "\n\n"
                + "-- \nIncident Ledger notification " + notification.notificationId() + "\n";
    }

    /** A containment target as people read it, e.g. {@code SIGNING_KEY hot-wallet-1 (ethereum)}. */
    static String target(AffectedAsset target) {
        if (target == null) {
            return "no asset";
        }
        return target.type() + " " + target.identifier() + (target.chain() == null ? "" : " (" + target.chain() + ")");
    }

    /** At most {@code max} characters, marked with an ellipsis when cut. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static String orUnknown(Object value) {
        return value == null ? "unknown" : value.toString();
    }
}
