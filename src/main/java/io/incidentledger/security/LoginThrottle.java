package io.incidentledger.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Counts failed password checks per user name and per client address, each in a fixed window that starts at its
 * first failure; once either count reaches its limit, {@link #blockedFor} tells the caller to refuse further attempts
 * until that window ends. A successful sign-in resets neither count: a service that signs in every few seconds would
 * otherwise clear the count of a guesser trying its name from elsewhere, and a guesser who knows one password would
 * clear its address's count. The counts live on this node only.
 */
public class LoginThrottle {

    /** Longer names are counted by their first characters; no configured name is this long. */
    static final int MAX_NAME_LENGTH = 128;
    private static final int MAX_ADDRESS_LENGTH = 64;

    private final Counts users;
    private final Counts addresses;
    private final Clock clock;

    public LoginThrottle(LoginThrottleProperties properties) {
        this(properties, Clock.systemUTC());
    }

    LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.users = new Counts(properties.perUser(), properties.maxTracked());
        this.addresses = new Counts(properties.perAddress(), properties.maxTracked());
        this.clock = clock;
    }

    /**
     * How long a sign-in attempt as {@code user} (null when the credentials name none) from {@code address} must wait
     * before its password is checked; {@link Duration#ZERO} when it may be checked now.
     */
    public Duration blockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration byAddress = addresses.blockedFor(addressKey(address), now);
        return user == null ? byAddress : max(byAddress, users.blockedFor(nameKey(user), now));
    }

    /** A password check that failed, as Spring Security announces it (for an unknown name as well). */
    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt
                && attempt.getDetails() instanceof WebAuthenticationDetails details) {
            recordFailure(attempt.getName(), details.getRemoteAddress());
        }
    }

    void recordFailure(String user, String address) {
        Instant now = clock.instant();
        users.fail(nameKey(user), now);
        addresses.fail(addressKey(address), now);
    }

    private static String nameKey(String user) {
        return user.length() > MAX_NAME_LENGTH ? user.substring(0, MAX_NAME_LENGTH) : user;
    }

    /**
     * An IPv6 client is counted by its /64 network, which one subscriber usually holds entirely; anything else by its
     * text. The address is a literal, so looking it up asks no name server.
     */
    static String addressKey(String address) {
        if (address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                if (bytes.length == 16) {
                    return HexFormat.of().formatHex(bytes, 0, 8) + "/64";
                }
            } catch (UnknownHostException notAnAddress) {
                // counted by its text below
            }
        }
        return address.length() > MAX_ADDRESS_LENGTH ? address.substring(0, MAX_ADDRESS_LENGTH) : address;
    }

    private static Duration max(Duration first, Duration second) {
        return first.compareTo(second) >= 0 ? first : second;
    }

    /** Failures of one kind, by key, at most {@code maxTracked} of them. */
    private static final class Counts {

        private final LoginThrottleProperties.Limit limit;
        private final Cache<String, Window> windows;

        Counts(LoginThrottleProperties.Limit limit, int maxTracked) {
            this.limit = limit;
            // entries outlive their window by at most another window: a stale one counts as absent
            this.windows = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterWrite(limit.window()).build();
        }

        Duration blockedFor(String key, Instant now) {
            Window window = windows.getIfPresent(key);
            if (window == null || window.failures() < limit.maxFailures()) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(now, window.start().plus(limit.window()));
            return left.isNegative() ? Duration.ZERO : left;
        }

        void fail(String key, Instant now) {
            windows.asMap().compute(key, (ignored, window) ->
                    window == null || !now.isBefore(window.start().plus(limit.window()))
                            ? new Window(now, 1)
                            : new Window(window.start(), window.failures() + 1));
        }
    }

    private record Window(Instant start, int failures) {
    }
}
