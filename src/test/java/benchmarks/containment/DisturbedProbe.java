package benchmarks.containment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import benchmarks.harness.ServedApplication;

/**
 * Detection → key revoked, as {@link ContainmentProbe} measures it on the webhook instance, while another incident's
 * revocation hangs: before each block of units it registers a key named {@value KeyManagementReceiver#HANGING_PREFIX}…,
 * tells the receiver to hang on it, and sends a detection naming it. That incident's {@code REVOKE_KEY} step then
 * waits for the receiver for the port's whole timeout, attempt after attempt (the instance retries it almost at once
 * and without end), on the same key-management port as the measured units. After the block the receiver answers
 * the hanging key again, and the probe waits for its revocation.
 *
 * <p>A unit starts only within the first part of one attempt's hang (before {@link #UNIT_ALLOWANCE} is left of the
 * port's timeout), so that it runs, registration and idle waits included, while that one request hangs, and not
 * while the other incident records the attempt's failure and makes the next one; it counts the measured units for
 * which that held ({@link #unitsHangingThroughout}).
 */
final class DisturbedProbe implements Probe {

    /** What a unit may take at most, from its start: later in a hang a unit waits for the next attempt's. */
    static final Duration UNIT_ALLOWANCE = Duration.ofSeconds(2);

    private final ContainmentProbe measured;
    private final ServedApplication application;
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

    DisturbedProbe(ContainmentProbe measured, ServedApplication application, KeyManagementReceiver receiver,
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
        boolean hangingBefore = awaitFreshHang();
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

    /** Waits until a request of the hanging step is held and has at least the unit allowance of its hang left. */
    private boolean awaitFreshHang() throws InterruptedException {
        Duration startWithin = portTimeout.minus(UNIT_ALLOWANCE);
        long deadline = System.currentTimeMillis() + 3 * portTimeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Instant since = receiver.lastHeldAt();
            if (receiver.heldNow() > 0 && since != null
                    && Duration.between(since, Instant.now()).compareTo(startWithin) < 0) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
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
