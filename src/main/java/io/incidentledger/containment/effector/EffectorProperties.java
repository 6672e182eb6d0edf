package io.incidentledger.containment.effector;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each containment port reaches the outside world ({@code incident-ledger.containment.effectors}). Every port
 * is a dry run unless configured otherwise; a port in webhook mode must have a url and a secret, or the application
 * does not start. Secrets are never logged: {@link #toString()} says only whether one is set, and shows a url by
 * scheme, host and port, since its path or query may carry a token.
 *
 * @param answerGrace how much longer than a port's connect timeout and timeout the saga waits for the outcome of an
 *                    attempt before it submits the attempt again (it waited behind others, or its node died)
 */
@ConfigurationProperties(EffectorProperties.PREFIX)
public record EffectorProperties(@DefaultValue PortSettings keyManagement,
                                 @DefaultValue PortSettings networkIsolation,
                                 @DefaultValue PortSettings contractPausing,
                                 @DefaultValue PortSettings withdrawalControl,
                                 @DefaultValue("30s") Duration answerGrace) {

    public static final String PREFIX = "incident-ledger.containment.effectors";

    public EffectorProperties {
        keyManagement = orDefault(keyManagement);
        networkIsolation = orDefault(networkIsolation);
        contractPausing = orDefault(contractPausing);
        withdrawalControl = orDefault(withdrawalControl);
        answerGrace = answerGrace == null ? Duration.ofSeconds(30) : answerGrace;
        if (answerGrace.isNegative() || answerGrace.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".answer-grace must be positive, was " + answerGrace);
        }
        keyManagement.validate(Port.KEY_MANAGEMENT);
        networkIsolation.validate(Port.NETWORK_ISOLATION);
        contractPausing.validate(Port.CONTRACT_PAUSING);
        withdrawalControl.validate(Port.WITHDRAWAL_CONTROL);
    }

    /** Which adapter a port uses. */
    public enum Mode {
        /** Log what would be done and report it done: the embedded default. */
        DRY_RUN,
        /** A signed POST to the port's url. */
        WEBHOOK
    }

    public PortSettings forPort(Port port) {
        return switch (port) {
            case KEY_MANAGEMENT -> keyManagement;
            case NETWORK_ISOLATION -> networkIsolation;
            case CONTRACT_PAUSING -> contractPausing;
            case WITHDRAWAL_CONTROL -> withdrawalControl;
        };
    }

    /**
     * One port's settings.
     *
     * @param mode           {@code dry-run} (default) or {@code webhook}
     * @param url            where the webhook is posted (http or https); required in webhook mode
     * @param secret         the HMAC-SHA256 key shared with the receiver; required in webhook mode
     * @param connectTimeout the longest wait for a connection
     * @param timeout        the longest wait for the whole answer once connected
     * @param retry          how the saga retries a step that failed in a way worth retrying
     */
    public record PortSettings(@DefaultValue("dry-run") Mode mode,
                               String url,
                               String secret,
                               @DefaultValue("2s") Duration connectTimeout,
                               @DefaultValue("5s") Duration timeout,
                               @DefaultValue Retry retry) {

        public PortSettings {
            mode = mode == null ? Mode.DRY_RUN : mode;
            url = url == null || url.isBlank() ? null : url.strip();
            secret = secret == null || secret.isBlank() ? null : secret;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            retry = retry == null ? new Retry(5, Duration.ofSeconds(2), 2, Duration.ofMinutes(5)) : retry;
        }

        public boolean hasSecret() {
            return secret != null;
        }

        /** The url, checked at start-up to be an absolute http or https URL with a host; empty-handed: null. */
        public URI uri() {
            return url == null ? null : parse(url);
        }

        /** Whether the url is plain http to a host other than this machine: bodies then travel unencrypted. */
        public boolean isPlainHttpToAnotherHost() {
            URI uri = uri();
            if (uri == null || !"http".equalsIgnoreCase(uri.getScheme())) {
                return false;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        }

        void validate(Port port) {
            String prefix = PREFIX + "." + port.key() + ".";
            requirePositive(connectTimeout, prefix + "connect-timeout");
            requirePositive(timeout, prefix + "timeout");
            try {
                retry.policy();
            } catch (IllegalArgumentException | NullPointerException e) {
                // not chained: the start-up failure report shows the innermost message, which must name the key
                throw new IllegalArgumentException(prefix + "retry: " + e.getMessage());
            }
            if (url != null && parse(url) == null) {
                // the value itself is left out of the message: a url's path or query may carry a token
                throw new IllegalArgumentException(prefix + "url must be an absolute http or https URL with a host");
            }
            if (mode == Mode.WEBHOOK) {
                if (url == null) {
                    throw new IllegalArgumentException(prefix + "url is required when " + prefix + "mode is webhook");
                }
                if (secret == null) {
                    throw new IllegalArgumentException(prefix + "secret is required when " + prefix
                            + "mode is webhook (set it from an environment variable, e.g. INCIDENT_LEDGER_"
                            + port.name() + "_WEBHOOK_SECRET)");
                }
            }
        }

        /** The url's scheme, host and port: what may be shown. */
        public String receiver() {
            URI uri = uri();
            if (uri == null) {
                return url == null ? "(unset)" : "(invalid)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }

        @Override
        public String toString() {
            return "PortSettings[mode=" + mode + ", url=" + receiver() + ", secret=" + (hasSecret() ? "(set)" : "(unset)")
                    + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + ", retry=" + retry + "]";
        }

        private static URI parse(String url) {
            try {
                URI uri = new URI(url);
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null ? uri : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }

        private static void requirePositive(Duration duration, String key) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(key + " must be positive, was " + duration);
            }
        }
    }

    /**
     * Retries of one port; see {@link RetryPolicy}.
     *
     * @param maxAttempts    attempts in all, the first one included
     * @param initialBackoff the wait after the first failed attempt
     * @param multiplier     how much each wait grows over the previous one
     * @param maxBackoff     the longest wait
     */
    public record Retry(@DefaultValue("5") int maxAttempts,
                        @DefaultValue("2s") Duration initialBackoff,
                        @DefaultValue("2") double multiplier,
                        @DefaultValue("5m") Duration maxBackoff) {

        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff);
        }
    }

    private static PortSettings orDefault(PortSettings settings) {
        return settings == null ? new PortSettings(null, null, null, null, null, null) : settings;
    }

    @Override
    public String toString() {
        return "EffectorProperties[keyManagement=" + keyManagement + ", networkIsolation=" + networkIsolation
                + ", contractPausing=" + contractPausing + ", withdrawalControl=" + withdrawalControl
                + ", answerGrace=" + answerGrace + "]";
    }
}
