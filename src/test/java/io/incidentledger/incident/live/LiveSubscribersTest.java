package io.incidentledger.incident.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveSubscribersTest {

    private static final int MAX_SUBSCRIBERS = 2;
    private static final int QUEUE_SIZE = 3;

    private final LiveSubscribers subscribers = new LiveSubscribers(new LiveFeedProperties(MAX_SUBSCRIBERS,
            Duration.ofMillis(100), Duration.ofSeconds(15), Duration.ofSeconds(3), 10, QUEUE_SIZE, 1,
            Duration.ofMinutes(30)));

    @AfterEach
    void stop() {
        subscribers.stop();
    }

    @Test
    void aNodeRefusesTheStreamOneBeyondItsMaximumAndTakesOneAgainWhenAnotherCloses() {
        subscribers.start();
        LiveSubscriber first = subscribers.subscribe(new SseEmitter(), null, 0).orElseThrow();
        subscribers.subscribe(new SseEmitter(), null, 0).orElseThrow();

        assertThat(subscribers.subscribe(new SseEmitter(), null, 0)).isEmpty();

        first.close();
        assertThat(subscribers.subscribe(new SseEmitter(), null, 0)).isPresent();
        assertThat(subscribers.count()).isEqualTo(MAX_SUBSCRIBERS);
    }

    @Test
    void aStoppedNodeTakesNoStreamAndHasEndedTheOpenOnes() {
        subscribers.start();
        LiveSubscriber open = subscribers.subscribe(new SseEmitter(), null, 0).orElseThrow();
        subscribers.admit(subscribers.joining().get(0));

        subscribers.stop();

        assertThat(open.isClosed()).isTrue();
        assertThat(subscribers.count()).isZero();
        assertThat(subscribers.subscribe(new SseEmitter(), null, 0)).isEmpty();
    }

    @Test
    void aClientThatTakesNothingIsDroppedWhenItsQueueIsFullWithoutHoldingUpTheOthers() {
        List<Runnable> neverRun = new ArrayList<>();
        Executor stuck = neverRun::add;
        AtomicInteger closed = new AtomicInteger();
        LiveSubscriber slow = new LiveSubscriber(new SseEmitter(), null, 0, QUEUE_SIZE, stuck, closed::incrementAndGet);

        for (int message = 0; message < QUEUE_SIZE; message++) {
            slow.offer(LiveMessage.heartbeat());
        }
        assertThat(slow.isClosed()).isFalse();
        slow.offer(LiveMessage.heartbeat());

        assertThat(slow.isClosed()).isTrue();
        assertThat(closed.get()).isEqualTo(1);
        assertThat(neverRun).as("one send scheduled, however many messages wait").hasSize(1);
    }
}
