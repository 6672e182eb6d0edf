package io.incidentledger.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A background loop runs one pass at a time on Spring's scheduler and stops without interrupting a pass. */
class BackgroundLoopTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMillis(20);

    private final CountDownLatch passStarted = new CountDownLatch(1);
    private final CountDownLatch releasePass = new CountDownLatch(1);
    private final List<String> happened = new CopyOnWriteArrayList<>();
    private Loop loop;

    @AfterEach
    void stopTheLoop() {
        releasePass.countDown();
        if (loop != null) {
            loop.stop();
        }
    }

    /** A loop whose n-th pass (from 1) does what {@code pass} says; it records its passes and its stop. */
    private final class Loop extends BackgroundLoop {

        private final AtomicInteger passes = new AtomicInteger();
        private final IntPredicate pass;

        Loop(Duration interval, Duration passWait, IntPredicate pass) {
            super("test-loop", WRITERS_PHASE, interval, Duration.ZERO, passWait);
            this.pass = pass;
        }

        @Override
        protected boolean runPass() {
            int number = passes.incrementAndGet();
            happened.add("pass " + number + " on " + Thread.currentThread().getName());
            boolean workLeft = pass.test(number);
            happened.add("pass " + number + " ended" + (Thread.currentThread().isInterrupted() ? " interrupted" : ""));
            return workLeft;
        }

        @Override
        protected void afterStop(boolean passEnded) {
            happened.add("stopped, pass ended: " + passEnded);
        }
    }

    /** A pass that waits until the test releases it. */
    private boolean heldPass(int number) {
        passStarted.countDown();
        try {
            releasePass.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Test
    void aStopWaitsForTheRunningPassWithoutInterruptingItAndTheLoopIsNotRunningMeanwhile() throws Exception {
        loop = new Loop(LONG, Duration.ofSeconds(30), this::heldPass);
        loop.start();
        assertThat(passStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stop = CompletableFuture.runAsync(loop::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> !loop.isRunning());
        Thread.sleep(200);
        assertThat(stop).as("the stop waits for the pass").isNotDone();
        releasePass.countDown();
        stop.get(10, TimeUnit.SECONDS);

        assertThat(happened).containsExactly("pass 1 on test-loop-1", "pass 1 ended",
                "stopped, pass ended: true");
    }

    @Test
    void aPassStillRunningWhenTheWaitIsOverIsLeftToEndUninterrupted() throws Exception {
        loop = new Loop(LONG, Duration.ofMillis(100), this::heldPass);
        loop.start();
        assertThat(passStarted.await(10, TimeUnit.SECONDS)).isTrue();

        loop.stop();
        assertThat(happened).containsExactly("pass 1 on test-loop-1", "stopped, pass ended: false");
        releasePass.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> happened.size() == 3);
        assertThat(happened).last().isEqualTo("pass 1 ended");
    }

    @Test
    void noPassStartsAfterTheStop() throws Exception {
        loop = new Loop(SHORT, Duration.ofSeconds(10), number -> false);
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() >= 3);

        loop.stop();
        int passes = loop.passes.get();
        Thread.sleep(SHORT.multipliedBy(10).toMillis());

        assertThat(loop.passes.get()).isEqualTo(passes);
        assertThat(happened).last().isEqualTo("stopped, pass ended: true");
    }

    @Test
    void aPassThatLeftWorkOverIsFollowedAtOnceAndTheOthersAfterTheInterval() throws Exception {
        loop = new Loop(LONG, Duration.ofSeconds(10), number -> number < 3);
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() == 3);

        Thread.sleep(300);

        assertThat(loop.passes.get()).as("the third pass left nothing: the next waits an hour").isEqualTo(3);
    }

    @Test
    void aFailedPassIsFollowedByTheNext() {
        loop = new Loop(SHORT, Duration.ofSeconds(10), number -> {
            if (number == 1) {
                throw new IllegalStateException("the database went away");
            }
            return false;
        });
        loop.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() >= 2);
    }

    @Test
    void aStoppedLoopStartsAgain() {
        loop = new Loop(SHORT, Duration.ofSeconds(10), number -> false);
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() >= 1);
        loop.stop();
        int passes = loop.passes.get();

        loop.start();

        assertThat(loop.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() > passes);
    }
}
