package io.incidentledger.detection.ingest.ozmonitor;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the OpenZeppelin Monitor webhook ({@code POST /api/detections/openzeppelin-monitor}).
 *
 * @param secret    the webhook trigger's {@code secret}, shared with the monitor; unset disables the endpoint (503).
 *                  Never logged: {@link #toString()} leaves it out
 * @param tolerance how far {@code X-Timestamp} may be from our clock, either way
 * @param maxRequestBytes the largest match accepted, in bytes: this endpoint's own limit, in place of
 *                  {@code incident-ledger.api.max-request-bytes}. A Stellar match carries its ledger's whole metadata
 *                  XDR ({@code ledger.metadataXdr}) and runs to megabytes; the default is 32 MiB
 * @param defaults  severity and category of matches from monitors not listed in {@code monitors}
 * @param monitors  severity and category per monitor name; names are compared ignoring case, spaces and
 *                  punctuation (Spring drops such characters from map keys unless they are bracketed)
 */
@Validated
@ConfigurationProperties("incident-ledger.detection.openzeppelin-monitor")
public record OzMonitorProperties(String secret,
                                  @NotNull @DefaultValue("5m") Duration tolerance,
                                  @Positive @DefaultValue("33554432") long maxRequestBytes,
                                  @NotNull @Valid @DefaultValue MonitorMapping defaults,
                                  Map<String, @Valid MonitorMapping> monitors) {

    public OzMonitorProperties {
        monitors = monitors == null ? Map.of() : Map.copyOf(monitors);
    }

    /** What a match from one monitor becomes: OZ Monitor itself carries no severity or category. */
    public record MonitorMapping(@NotNull @DefaultValue("MEDIUM") Severity severity,
                                 @NotNull @DefaultValue("OTHER") Category category) {
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /** The mapping of the monitor with this name, else the default. */
    public MonitorMapping mappingFor(String monitorName) {
        String wanted = normalise(monitorName);
        return monitors.entrySet().stream()
                .filter(entry -> normalise(entry.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(defaults);
    }

    static String normalise(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    @Override
    public String toString() {
        return "OzMonitorProperties[secret=" + (hasSecret() ? "(set)" : "(unset)") + ", tolerance=" + tolerance
                + ", maxRequestBytes=" + maxRequestBytes + ", defaults=" + defaults + ", monitors=" + monitors + "]";
    }
}
