package io.incidentledger.siem;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends incident events as CEF over syslog: RFC 5424 messages over one TCP connection with octet-counting framing,
 * over TLS when configured (the receiver's certificate must be trusted and name the configured host).
 *
 * <p>Syslog over TCP has no acknowledgement: a batch counts as taken once it is written and flushed to the
 * connection. Before each batch the sink checks that the receiver has not closed the connection since the last one
 * (a receiver sends nothing, so anything but a read timeout means it is gone) and connects anew if it has; a failed
 * write closes the connection, and the export sends the whole batch again on a new one.
 */
class SyslogSink implements SiemSink {

    static final String NAME = "syslog";
    private static final int CLOSED_CHECK_MILLIS = 1;

    private final SiemProperties.Syslog settings;
    private final String origin;
    private final String hostname;
    private final SSLSocketFactory tls;
    private Socket socket;
    private OutputStream out;

    SyslogSink(SiemProperties.Syslog settings, String origin) {
        this.settings = settings;
        this.origin = origin;
        this.hostname = settings.hostname().isEmpty() ? localHostName() : settings.hostname();
        this.tls = settings.tls().enabled() ? socketFactory(settings.tls()) : null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void publish(List<LedgerEntry> events) {
        AtomicBoolean done = new AtomicBoolean();
        try {
            OutputStream connection = connection();
            // a receiver that stops reading would block the write for good: the connection is closed under it
            Socket writing = socket;
            CompletableFuture.delayedExecutor(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!done.get()) {
                    closeQuietly(writing);
                }
            });
            for (LedgerEntry event : events) {
                int cefSeverity = Cef.severity(event.severity());
                connection.write(Syslog.frame(settings.facility(), Syslog.severity(cefSeverity), event.timeStamp(),
                        hostname, event.eventName(), Cef.message(event, settings.cef(), origin)));
            }
            connection.flush();
        } catch (IOException failure) {
            close();
            throw new SiemDeliveryException("the syslog receiver " + settings.host() + ":" + settings.port()
                    + " did not take the batch", failure);
        } finally {
            done.set(true);
        }
    }

    private OutputStream connection() throws IOException {
        if (socket != null && closedByReceiver()) {
            close();
        }
        if (socket == null) {
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress(settings.host(), settings.port()),
                        (int) settings.connectTimeout().toMillis());
                plain.setKeepAlive(true);
                socket = tls == null ? plain : handshake(plain);
            } catch (IOException failure) {
                plain.close();
                throw failure;
            }
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }
        return out;
    }

    private Socket handshake(Socket plain) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters parameters = secure.getSSLParameters();
        // the certificate must name the host we connect to, as for HTTPS
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.setSoTimeout((int) settings.connectTimeout().toMillis());
        secure.startHandshake();
        return secure;
    }

    /** Whether the receiver closed the connection: it never sends, so a read that does not time out means so. */
    private boolean closedByReceiver() {
        try {
            socket.setSoTimeout(CLOSED_CHECK_MILLIS);
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException broken) {
            return true;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
            out = null;
        }
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // the connection is given up either way
        }
    }

    private static SSLSocketFactory socketFactory(SiemProperties.Tls settings) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (settings.trustedCertificates() == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int index = 0;
                try (InputStream pem = Files.newInputStream(settings.trustedCertificates())) {
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                        anchors.setCertificateEntry("trusted-" + index++, certificate);
                    }
                }
                if (index == 0) {
                    throw new IllegalStateException("incident-ledger.siem.syslog.tls.trusted-certificates ("
                            + settings.trustedCertificates() + ") holds no certificate");
                }
                trust.init(anchors);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException failure) {
            throw new IllegalStateException("cannot set up TLS towards the syslog receiver: " + failure.getMessage(),
                    failure);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "-";
        }
    }
}
