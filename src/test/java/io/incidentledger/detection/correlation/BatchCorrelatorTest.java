package io.incidentledger.detection.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.incidentledger.detection.DetectionProperties;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The hits of one batch: different keys at the same time, one key in order, each as the request's principal, every
 * answer in the batch's order, and a failure reported only once the others are done.
 */
class BatchCorrelatorTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private final DetectionCorrelator correlator = mock(DetectionCorrelator.class);
    private BatchCorrelator batches;

    @BeforeEach
    void signIn() {
        batches = new BatchCorrelator(correlator, new DetectionProperties(Duration.ofHours(1), 4));
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("detector", null,
                "ROLE_DETECTOR"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        SecurityContextHolder.clearContext();
        batches.destroy();
    }

    @Test
    void differentKeysAreCorrelatedAtTheSameTimeAndAsTheRequestsPrincipal() {
        // each of the three keys waits until all three have started: only concurrent work gets past
        CountDownLatch allStarted = new CountDownLatch(3);
        Map<String, String> principals = new ConcurrentHashMap<>();
        when(correlator.correlate(any(), anyString())).thenAnswer(call -> {
            Detection detection = call.getArgument(0);
            principals.put(detection.sourceAlertId(),
                    SecurityContextHolder.getContext().getAuthentication().getName());
            allStarted.countDown();
            assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            return correlation(detection);
        });

        List<DetectionCorrelator.Correlation> results = batches.correlateAll(List.of(
                pending("a", "key-1"), pending("b", "key-2"), pending("c", "key-3")));

        assertThat(results).extracting(DetectionCorrelator.Correlation::incidentId)
                .containsExactly(incident("a"), incident("b"), incident("c"));
        assertThat(principals).containsOnly(Map.entry("a", "detector"), Map.entry("b", "detector"),
                Map.entry("c", "detector"));
    }

    @Test
    void oneKeysHitsGoInTheirOrderAndOneAtATime() {
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        when(correlator.correlate(any(), anyString())).thenAnswer(call -> {
            Detection detection = call.getArgument(0);
            if ("key-1".equals(detection.correlationKey())) {
                assertThat(running.incrementAndGet()).isEqualTo(1);
                order.add(detection.sourceAlertId());
                Thread.sleep(5);
                running.decrementAndGet();
            }
            return correlation(detection);
        });

        List<DetectionCorrelator.Correlation> results = batches.correlateAll(List.of(pending("a", "key-1"),
                pending("x", "key-2"), pending("b", "key-1"), pending("y", "key-3"), pending("c", "key-1")));

        assertThat(order).containsExactly("a", "b", "c");
        assertThat(results).extracting(DetectionCorrelator.Correlation::incidentId).containsExactly(
                incident("a"), incident("x"), incident("b"), incident("y"), incident("c"));
    }

    @Test
    void aFailureIsRethrownOnceTheOtherKeysAreDone() {
        AtomicInteger finished = new AtomicInteger();
        when(correlator.correlate(any(), anyString())).thenAnswer(call -> {
            Detection detection = call.getArgument(0);
            if ("bad".equals(detection.sourceAlertId())) {
                throw new IllegalStateException("store unavailable");
            }
            Thread.sleep(50);
            finished.incrementAndGet();
            return correlation(detection);
        });

        assertThatThrownBy(() -> batches.correlateAll(List.of(pending("bad", "key-1"), pending("a", "key-2"),
                pending("b", "key-3")))).isInstanceOf(IllegalStateException.class).hasMessage("store unavailable");
        assertThat(finished).hasValue(2);
    }

    @Test
    void moreKeysThanThreadsAreAllCorrelated() {
        when(correlator.correlate(any(), anyString())).thenAnswer(call -> correlation(call.getArgument(0)));
        List<BatchCorrelator.Pending> batch = IntStream.range(0, 40)
                .mapToObj(i -> pending("alert-" + i, "key-" + i)).toList();

        assertThat(batches.correlateAll(batch)).hasSize(40).extracting(DetectionCorrelator.Correlation::incidentId)
                .containsExactlyElementsOf(batch.stream().map(p -> incident(p.detection().sourceAlertId())).toList());
    }

    private static BatchCorrelator.Pending pending(String alertId, String key) {
        return new BatchCorrelator.Pending(new Detection(DetectionSource.GENERIC, alertId, "drainer", null, "HIGH",
                Severity.HIGH, Category.FRAUDULENT_TRANSACTION, "1", List.of("0xdrainer"), List.of(), List.of(), key,
                "b".repeat(64), null, null, null, RECEIVED_AT), "drainer");
    }

    private static DetectionCorrelator.Correlation correlation(Detection detection) {
        return new DetectionCorrelator.Correlation(incident(detection.sourceAlertId()), DetectionOutcome.OPENED);
    }

    private static IncidentId incident(String alertId) {
        return IncidentId.of(UUID.nameUUIDFromBytes(alertId.getBytes(StandardCharsets.UTF_8)));
    }
}
