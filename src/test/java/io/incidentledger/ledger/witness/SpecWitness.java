package io.incidentledger.ledger.witness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal witness written in the test from the text of C2SP tlog-witness and tlog-cosignature alone: the JDK's
 * HTTP server and Ed25519, its own parsing and its own RFC 9162 consistency check, none of the service's classes. It
 * witnesses one log, keeps its state in memory, and can be told to fail, to forget, or to hold a checkpoint given
 * by the test (to stage a split view). Public for the tests of other packages that need a real witness (the console's
 * verification panel); a log key rotation is followed with {@link #trustLogKey}, as a witness's operator would.
 */
public final class SpecWitness implements AutoCloseable {

    private static final String DASH = "\u2014 ";
    private static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private final String name;
    private final KeyPair key;
    private final byte[] publicKey;
    private final List<LogKey> logKeys = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private long size;
    private byte[] root = EMPTY_ROOT;
    private String note;
    private volatile int failWith;
    private volatile int refuseCheckpointsWith;
    private volatile long delayMillis;

    /** A key of the witnessed log: its name, key ID and Ed25519 public key. */
    private record LogKey(String name, int id, PublicKey key) {
    }

    public SpecWitness(String name, String logVerifierKey) throws IOException, GeneralSecurityException {
        this.name = name;
        this.key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = key.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        trustLogKey(logVerifierKey);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Accepts checkpoints signed by this key of the log too, as after the log's key was rotated. */
    public void trustLogKey(String logVerifierKey) {
        String[] parts = logVerifierKey.split("\\+", 3);
        byte[] logKeyBytes = Base64.getDecoder().decode(parts[2]);
        logKeys.add(new LogKey(parts[0], Integer.parseUnsignedInt(parts[1], 16),
                ed25519PublicKey(Arrays.copyOfRange(logKeyBytes, 1, logKeyBytes.length))));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** {@code <name>+<key ID>+<base64(0x04 || key)>}. */
    public String verifierKey() {
        return name + "+" + String.format("%08x", keyId()) + "+"
                + Base64.getEncoder().encodeToString(ByteBuffer.allocate(33).put((byte) 0x04).put(publicKey).array());
    }

    int requests() {
        return requests.get();
    }

    /** Answers every request with this status from now on; 0 to answer normally again. */
    void failWith(int status) {
        failWith = status;
    }

    /** Answers add-checkpoint with this status from now on, still serving its checkpoint; 0 to cosign again. */
    void refuseCheckpointsWith(int status) {
        refuseCheckpointsWith = status;
    }

    /** Holds every add-checkpoint request this long before answering it; 0 to answer at once again. */
    void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    synchronized long size() {
        return size;
    }

    /** Forgets the log, as a witness whose state was lost. */
    synchronized void forget() {
        size = 0;
        root = EMPTY_ROOT;
        note = null;
    }

    /** Holds the given signed checkpoint as the latest it cosigned, as if the log had shown it that one. */
    synchronized void hold(String signedCheckpoint) {
        String[] lines = signedCheckpoint.split("\n");
        size = Long.parseLong(lines[1]);
        root = Base64.getDecoder().decode(lines[2]);
        note = signedCheckpoint;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (failWith != 0) {
                answer(exchange, failWith, "text/plain", "failing on purpose\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/add-checkpoint")
                    && refuseCheckpointsWith != 0) {
                answer(exchange, refuseCheckpointsWith, "text/plain", "refusing on purpose\n");
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("/add-checkpoint")) {
                pause();
                addCheckpoint(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } else if (exchange.getRequestMethod().equals("GET") && path.endsWith("/checkpoint")) {
                monitoring(exchange, path);
            } else {
                answer(exchange, 404, "text/plain", "no such endpoint\n");
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void addCheckpoint(HttpExchange exchange, String body) throws IOException {
        int split = body.indexOf("\n\n");
        if (!body.startsWith("old ") || split < 0) {
            answer(exchange, 400, "text/plain", "malformed\n");
            return;
        }
        String[] head = body.substring(0, split).split("\n");
        long oldSize = Long.parseLong(head[0].substring(4));
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            proof.add(Base64.getDecoder().decode(head[i]));
        }
        String submitted = body.substring(split + 2);
        int textEnd = submitted.indexOf("\n\n");
        String text = submitted.substring(0, textEnd + 1);
        String[] lines = text.split("\n");
        long newSize = Long.parseLong(lines[1]);
        byte[] newRoot = Base64.getDecoder().decode(lines[2]);
        if (!signedByLog(text, submitted.substring(textEnd + 2))) {
            answer(exchange, 403, "text/plain", "not signed by the log's key\n");
            return;
        }
        if (oldSize > newSize) {
            answer(exchange, 400, "text/plain", "old size above the checkpoint's\n");
            return;
        }
        if (oldSize != size) {
            answer(exchange, 409, "text/x.tlog.size", size + "\n");
            return;
        }
        boolean consistent;
        if (newSize == 0) {
            consistent = Arrays.equals(newRoot, EMPTY_ROOT);
        } else if (oldSize == 0) {
            consistent = proof.isEmpty();
        } else if (oldSize == newSize) {
            consistent = proof.isEmpty() && Arrays.equals(root, newRoot);
        } else {
            consistent = consistent(oldSize, newSize, root, newRoot, proof);
        }
        if (!consistent) {
            answer(exchange, 422, "text/plain", "inconsistent with the checkpoint of size " + size + "\n");
            return;
        }
        String line = cosignature(text);
        size = newSize;
        root = newRoot;
        note = text + "\n" + submitted.substring(textEnd + 2) + line;
        answer(exchange, 200, "text/plain", line);
    }

    private synchronized void monitoring(HttpExchange exchange, String path) throws IOException {
        if (note == null || !path.equals("/" + HexFormat.of().formatHex(sha256(
                note.substring(0, note.indexOf('\n')).getBytes(StandardCharsets.UTF_8))) + "/checkpoint")) {
            answer(exchange, 404, "text/plain", "never cosigned\n");
            return;
        }
        answer(exchange, 200, "text/plain", note);
    }

    /** Signed by one of the log's keys, with no line of any of them failing. */
    private boolean signedByLog(String text, String signatureLines) {
        boolean verified = false;
        for (LogKey logKey : logKeys) {
            for (String line : signatureLines.split("\n")) {
                if (!line.startsWith(DASH + logKey.name() + " ")) {
                    continue;
                }
                byte[] signature = Base64.getDecoder().decode(line.substring(DASH.length() + logKey.name().length()
                        + 1));
                if (signature.length != 68 || ByteBuffer.wrap(signature).getInt() != logKey.id()) {
                    continue;
                }
                try {
                    Signature ed25519 = Signature.getInstance("Ed25519");
                    ed25519.initVerify(logKey.key());
                    ed25519.update(text.getBytes(StandardCharsets.UTF_8));
                    if (!ed25519.verify(Arrays.copyOfRange(signature, 4, 68))) {
                        return false;
                    }
                    verified = true;
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        }
        return verified;
    }

    /** {@code — <name> base64(key ID || u64 time || Ed25519("cosignature/v1\ntime <t>\n" || body))}. */
    private String cosignature(String text) {
        long time = System.currentTimeMillis() / 1000;
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.getPrivate());
            ed25519.update(("cosignature/v1\ntime " + time + "\n" + text).getBytes(StandardCharsets.UTF_8));
            byte[] signed = ByteBuffer.allocate(76).putInt(keyId()).putLong(time).put(ed25519.sign()).array();
            return DASH + name + " " + Base64.getEncoder().encodeToString(signed) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int keyId() {
        MessageDigest sha256 = digest();
        sha256.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0x04);
        sha256.update(publicKey);
        return ByteBuffer.wrap(sha256.digest()).getInt();
    }

    /** RFC 9162 section 2.1.4.2, step by step. */
    private static boolean consistent(long first, long second, byte[] firstHash, byte[] secondHash,
                                      List<byte[]> given) {
        List<byte[]> path = new ArrayList<>(given);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        if (path.isEmpty()) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = digest();
        sha256.update((byte) 0x01);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static PublicKey ed25519PublicKey(byte[] raw) {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] spki = ByteBuffer.allocate(prefix.length + raw.length).put(prefix).put(raw).array();
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
