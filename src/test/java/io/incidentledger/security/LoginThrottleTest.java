package io.incidentledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.incidentledger.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** The counting of {@link LoginThrottle}, on a clock the test moves. */
class LoginThrottleTest {

    private static final Duration USER_WINDOW = Duration.ofMinutes(15);
    private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    private static final String ATTACKER = "198.51.100.7";
    private static final String COLLEAGUE = "203.0.113.9";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(
            new LoginThrottleProperties.Limit(5, USER_WINDOW), new LoginThrottleProperties.Limit(8, ADDRESS_WINDOW),
            1000), clock);

    @Test
    void aUserIsHeldBackAfterItsFailuresUntilItsWindowEnds() {
        for (int failure = 0; failure < 4; failure++) {
            throttle.recordFailure("alice", ATTACKER);
            assertThat(throttle.blockedFor("alice", COLLEAGUE)).isZero();
        }
        clock.advance(Duration.ofMinutes(5));
        throttle.recordFailure("alice", ATTACKER);

        // from any address, for the rest of the window that began with the first failure
        assertThat(throttle.blockedFor("alice", COLLEAGUE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(throttle.blockedFor("bob", COLLEAGUE)).isZero();
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(throttle.blockedFor("alice", COLLEAGUE)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.blockedFor("alice", COLLEAGUE)).isZero();
    }

    @Test
    void aFreshWindowStartsWithTheFirstFailureAfterTheOldOneEnded() {
        for (int failure = 0; failure < 4; failure++) {
            throttle.recordFailure("alice", "192.0.2." + failure);
        }
        clock.advance(USER_WINDOW);
        throttle.recordFailure("alice", ATTACKER);

        assertThat(throttle.blockedFor("alice", COLLEAGUE)).isZero();
    }

    @Test
    void anAddressIsHeldBackAfterItsFailuresWhateverNamesItTries() {
        for (int failure = 0; failure < 8; failure++) {
            throttle.recordFailure("guess-" + failure, ATTACKER);
        }

        assertThat(throttle.blockedFor("carol", ATTACKER)).isEqualTo(ADDRESS_WINDOW);
        assertThat(throttle.blockedFor(null, ATTACKER)).isEqualTo(ADDRESS_WINDOW);
        assertThat(throttle.blockedFor("carol", COLLEAGUE)).isZero();
    }

    @Test
    void theLongerOfTheTwoWaitsIsTheAnswer() {
        for (int failure = 0; failure < 8; failure++) {
            throttle.recordFailure("alice", ATTACKER);
        }
        clock.advance(Duration.ofMinutes(2));

        assertThat(throttle.blockedFor("alice", ATTACKER)).isEqualTo(Duration.ofMinutes(13));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64Network() {
        for (int failure = 0; failure < 8; failure++) {
            throttle.recordFailure("guess-" + failure, "2001:db8:1:2:0:0:0:" + Integer.toHexString(failure + 1));
        }

        assertThat(throttle.blockedFor("dave", "2001:db8:1:2:ffff::1")).isEqualTo(ADDRESS_WINDOW);
        assertThat(throttle.blockedFor("dave", "2001:db8:1:3::1")).isZero();
        assertThat(LoginThrottle.addressKey("2001:DB8:1:2::9")).isEqualTo("20010db800010002/64");
        assertThat(LoginThrottle.addressKey("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void namesAreCountedByTheirFirstCharacters() {
        String prefix = "x".repeat(LoginThrottle.MAX_NAME_LENGTH);
        for (int failure = 0; failure < 5; failure++) {
            throttle.recordFailure(prefix + failure, "192.0.2." + failure);
        }

        assertThat(throttle.blockedFor(prefix + "-other", COLLEAGUE)).isEqualTo(USER_WINDOW);
    }
}
