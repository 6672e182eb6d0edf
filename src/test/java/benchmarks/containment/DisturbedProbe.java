package benchmarks.containment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Detection → key revoked, as {@link ContainmentProbe} measures it on the webhook instance, while another incident's
 * revocation hangs: before each block of units it registers a key named {@value KeyManagementReceiver#HANGING_PREFIX}…,
 * tells the receiver to hang on it, and sends a detection naming it. That incident's {@code REVOKE_KEY} step then
 * waits for the receiver for the port's whole timeout, attempt after attempt (the instance retries it almost at once
 * and without end), on the same key-management port as the measured units. After the block the receiver answers
 * the hanging key again, and the probe waits for its revocation.
 *
 * <p>It counts the measured units during which the receiver held one and the same request of the other incident from
 * before the detection was sent until after the key was revoked ({@link #unitsHangingThroughout}); the others fell
 * on the few milliseconds between two of its attempts.
 */
final class DisturbedProbe implements Probe {

    private final ContainmentProbe measured;
    private final ContainmentApplication application;
    private final KeyManagementReceiver receiver;
    private final CommitWatch watch;
    private final ApiCalls api;
    private final Duration portTimeout;
    private final long idleTimeoutMillis;
    private final long run = System.currentTimeMillis();
    private int block;
    private String hangingKey;
    private int measuredUnits;
    private int unitsHangingThroughout;

    DisturbedProbe(ContainmentProbe measured, ContainmentApplication application, KeyManagementReceiver receiver,
                   CommitWatch watch, Duration portTimeout, long idleTimeoutMillis) {
        this.measured = measured;
        this.application = application;
        this.receiver = receiver;
        this.watch = watch;
        this.api = new ApiCalls(application.port());
        this.portTimeout = portTimeout;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public String name() {
        return measured.name();
    }

    @Override
    public void beginBlock() throws Exception {
        block++;
        hangingKey = KeyManagementReceiver.HANGING_PREFIX + run + "-" + block;
        String address = String.format("0x%024x%016x", run, 0xfff0_0000L + block);
        api.send(api.post("admin", "/api/assets/signing-keys", "{\"name\":\"" + hangingKey + "\","
                + "\"purpose\":\"HOT_WALLET\",\"chain\":\"ethereum\",\"address\":\"" + address + "\"}"), 201);
        if (!application.awaitIdle(idleTimeoutMillis)) {
            throw new IllegalStateException(name() + ": not idle after registering " + hangingKey);
        }
        receiver.startHanging(portTimeout.plusMillis(200));
        api.send(api.post("detector", "/api/detections", "{\"source\":\"bench\",\"sourceAlertId\":\"hang-"
                + hangingKey + "\",\"name\":\"Signer answering slowly\",\"severity\":\"HIGH\","
                + "\"category\":\"KEY_COMPROMISE\",\"chainId\":\"1\",\"addresses\":[\"" + address + "\"],"
                + "\"correlationKey\":\"bench-hang:" + hangingKey + "\"}"), 201);
        long deadline = System.currentTimeMillis() + idleTimeoutMillis;
        while (receiver.heldNow() == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name() + ": the revocation of " + hangingKey + " never reached the"
                        + " receiver");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public Map<String, Long> measureOne(int unit) throws Exception {
        boolean hangingBefore = awaitHanging();
        int heldBefore = receiver.heldInAll();
        Map<String, Long> figures = measured.measureOne(unit);
        if (unit >= 0) {
            measuredUnits++;
            // one and the same request held from before the detection until after the revocation
            if (hangingBefore && receiver.heldNow() > 0 && receiver.heldInAll() == heldBefore) {
                unitsHangingThroughout++;
            }
        }
        return figures;
    }

    int measuredUnits() {
        return measuredUnits;
    }

    int unitsHangingThroughout() {
        return unitsHangingThroughout;
    }

    /** Between two attempts of the hanging step nothing hangs for a few milliseconds: waits for the next one. */
    private boolean awaitHanging() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 1_000;
        while (receiver.heldNow() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        return receiver.heldNow() > 0;
    }

    @Override
    public void endBlock() throws Exception {
        CompletableFuture<Instant> revoked = watch.revocationOf(hangingKey);
        receiver.stopHanging();
        // its attempt running now ends with the port's timeout; the next one is answered
        revoked.get(portTimeout.toMillis() + idleTimeoutMillis, TimeUnit.MILLISECONDS);
        if (!application.awaitIdle(idleTimeoutMillis)) {
            throw new IllegalStateException(name() + ": not idle after " + hangingKey + " was revoked");
        }
        watch.clear();
    }
}
