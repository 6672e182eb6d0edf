package io.incidentledger.detection.correlation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.incidentledger.detection.DetectionProperties;
import io.incidentledger.detection.api.Detection;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Correlates the detections of one batch: those with different correlation keys at the same time, those with one key
 * in their order on one thread, so that a batch waits for its slowest key rather than for the sum of all of them.
 * Each runs as the request's principal. When every thread is busy the caller's thread does the work itself, which
 * slows the sender down rather than queueing without bound. The answer comes only when every detection is
 * correlated; the first failure, if any, is then rethrown, as if the detections had been correlated one by one.
 */
@Component
public class BatchCorrelator implements DisposableBean {

    private final DetectionCorrelator correlator;
    private final ThreadPoolExecutor threads;

    public BatchCorrelator(DetectionCorrelator correlator, DetectionProperties properties) {
        this.correlator = correlator;
        int size = properties.correlationThreads();
        this.threads = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new CustomizableThreadFactory("detection-correlation-"), new ThreadPoolExecutor.CallerRunsPolicy());
        threads.allowCoreThreadTimeOut(true);
    }

    /** A detection and the title of the incident it would open. */
    public record Pending(Detection detection, String title) {
    }

    /** What became of each detection, in the order given. */
    public List<DetectionCorrelator.Correlation> correlateAll(List<Pending> batch) {
        DetectionCorrelator.Correlation[] results = new DetectionCorrelator.Correlation[batch.size()];
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byKey.computeIfAbsent(batch.get(i).detection().correlationKey(), key -> new ArrayList<>()).add(i);
        }
        if (byKey.size() <= 1) {
            byKey.values().forEach(indexes -> correlateInOrder(batch, indexes, results));
            return List.of(results);
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(byKey.size());
        for (List<Integer> indexes : byKey.values()) {
            Runnable task = new DelegatingSecurityContextRunnable(() -> correlateInOrder(batch, indexes, results),
                    SecurityContextHolder.getContext());
            running.add(CompletableFuture.runAsync(task, threads));
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> task : running) {
            try {
                task.join();
            } catch (CompletionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof RuntimeException cause ? cause : failed;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return List.of(results);
    }

    private void correlateInOrder(List<Pending> batch, List<Integer> indexes,
                                  DetectionCorrelator.Correlation[] results) {
        for (int index : indexes) {
            Pending pending = batch.get(index);
            results[index] = correlator.correlate(pending.detection(), pending.title());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}
