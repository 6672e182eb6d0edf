package io.incidentledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.incidentledger.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BackoffTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    @Test
    void each_failure_doubles_the_pause_up_to_the_most_and_a_success_starts_over() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), clock);
        assertThat(backoff.pausing()).isFalse();
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(5));
        backoff.succeeded();
        assertThat(backoff.pausing()).isFalse();
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void no_pass_while_the_pause_runs() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), clock);
        backoff.failed();
        assertThat(backoff.pausing()).isTrue();
        clock.advance(Duration.ofMillis(1999));
        assertThat(backoff.pausing()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(backoff.pausing()).isFalse();
    }
}
