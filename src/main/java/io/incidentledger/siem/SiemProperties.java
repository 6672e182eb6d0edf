package io.incidentledger.siem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The exports of incident events to SIEMs (docs/siem.md): a Kafka topic and CEF over syslog, each off unless enabled.
 *
 * @param kafka  every incident event as a verifiable JSON record on a Kafka topic, keyed by incident id
 * @param syslog every incident event as a CEF message over syslog (RFC 5424, TCP with octet counting, TLS optional)
 */
@Validated
@ConfigurationProperties("incident-ledger.siem")
public record SiemProperties(@NotNull @Valid @DefaultValue Kafka kafka, @NotNull @Valid @DefaultValue Syslog syslog) {

    /** How an export goes through the log and waits when its receiver is away. */
    public record Pacing(@Positive @DefaultValue("500") int batchSize,
                         @NotNull @DefaultValue("200ms") Duration pollInterval,
                         @NotNull @DefaultValue("1s") Duration initialBackoff,
                         @NotNull @DefaultValue("1m") Duration maxBackoff) {
    }

    /**
     * @param bootstrapServers host:port of the brokers, comma separated (required when enabled)
     * @param topic            the topic every incident event goes to
     * @param sendTimeout      how long a batch may wait for the brokers' acknowledgement before it is sent again
     * @param producer         further Kafka producer settings (security.protocol, ssl.*, sasl.*, compression.type
     *                         …); they cannot switch off idempotence or acks=all
     */
    public record Kafka(@DefaultValue("false") boolean enabled, String bootstrapServers,
                        @NotBlank @DefaultValue("incident-ledger.incident-events") String topic,
                        @NotNull @DefaultValue("30s") Duration sendTimeout,
                        Map<String, String> producer,
                        @NotNull @Valid @DefaultValue Pacing pacing) {

        public Kafka {
            producer = producer == null ? Map.of() : Map.copyOf(producer);
            if (enabled && (bootstrapServers == null || bootstrapServers.isBlank())) {
                throw new IllegalArgumentException(
                        "incident-ledger.siem.kafka.bootstrap-servers is required when the Kafka export is enabled");
            }
        }
    }

    /**
     * @param host       the syslog receiver (required when enabled)
     * @param port       its port: commonly 6514 with TLS, 601 or 514 without
     * @param hostname   the HOSTNAME field of every message; empty: this machine's host name
     * @param facility   the syslog facility, 0 to 23 (default 10, security/authorization)
     * @param sendTimeout a batch not written within this fails, and its connection is closed
     * @param tls        TLS towards the receiver
     * @param cef        the CEF header's device fields
     */
    public record Syslog(@DefaultValue("false") boolean enabled, String host,
                         @Min(0) @Max(65535) @DefaultValue("6514") int port,
                         @Pattern(regexp = "[!-~]{0,255}") @DefaultValue("") String hostname,
                         @Min(0) @Max(23) @DefaultValue("10") int facility,
                         @NotNull @DefaultValue("5s") Duration connectTimeout,
                         @NotNull @DefaultValue("30s") Duration sendTimeout,
                         @NotNull @Valid @DefaultValue Tls tls,
                         @NotNull @Valid @DefaultValue Cef cef,
                         @NotNull @Valid @DefaultValue Pacing pacing) {

        public Syslog {
            if (enabled && (host == null || host.isBlank())) {
                throw new IllegalArgumentException(
                        "incident-ledger.siem.syslog.host is required when the syslog export is enabled");
            }
        }
    }

    /**
     * @param enabled           whether to speak TLS (RFC 5425); the receiver's certificate must then be trusted and
     *                          name {@code host}
     * @param trustedCertificates a PEM file of the certificates to trust (the receiver's CA); empty: the JDK's
     *                          default trust store
     */
    public record Tls(@DefaultValue("false") boolean enabled, Path trustedCertificates) {
    }

    /** The CEF header's device fields (docs/siem.md). */
    public record Cef(@NotBlank @DefaultValue("Incident Ledger") String deviceVendor,
                      @NotBlank @DefaultValue("Incident Ledger") String deviceProduct,
                      @NotBlank @DefaultValue("1") String deviceVersion) {
    }
}
