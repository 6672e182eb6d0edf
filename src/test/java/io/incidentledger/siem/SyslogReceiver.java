package io.incidentledger.siem;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ServerSocketFactory;

/**
 * A syslog receiver for tests, written from the RFCs and the CEF specification and sharing no code with the sender:
 * it accepts TCP (or TLS) connections, splits each stream by RFC 6587 octet counting, parses every frame as an RFC 5424
 * message and its MSG as CEF, and keeps what it parsed. A frame that breaks any of these rules fails the test that
 * reads {@link #errors()}.
 */
final class SyslogReceiver implements AutoCloseable {

    /** RFC 5424: {@code <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]}. */
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>(1) (\\S+) ([!-~]{1,255}) ([!-~]{1,48}) ([!-~]{1,128}) ([!-~]{1,32}) (-|\\[.*?])(?: (.*))?",
            Pattern.DOTALL);
    private static final Pattern TIMESTAMP =
            Pattern.compile("-|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?(Z|[+-]\\d\\d:\\d\\d)");

    /** One message as received. */
    record Message(int facility, int severity, String timestamp, String hostname, String appName, String procId,
                   String msgId, String structuredData, String msg, Cef cef) {
    }

    /** A CEF message: the seven header fields, unescaped, and the extension's keys and unescaped values in order. */
    record Cef(List<String> header, Map<String, String> extension) {

        String vendor() {
            return header.get(1);
        }

        String product() {
            return header.get(2);
        }

        String version() {
            return header.get(3);
        }

        String signatureId() {
            return header.get(4);
        }

        String name() {
            return header.get(5);
        }

        int severity() {
            return Integer.parseInt(header.get(6));
        }

        /** The custom field labelled {@code label} (cs1Label=incidentId, cs1=…). */
        String labelled(String label) {
            return extension.entrySet().stream()
                    .filter(field -> field.getKey().endsWith("Label") && field.getValue().equals(label))
                    .map(field -> extension.get(field.getKey().substring(0, field.getKey().length() - 5)))
                    .findFirst().orElse(null);
        }
    }

    private final ServerSocket server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    SyslogReceiver(ServerSocketFactory sockets) throws IOException {
        server = sockets.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "syslog-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every open connection, as a receiver that restarts would. */
    void dropConnections() throws IOException {
        for (Socket connection : connections) {
            connection.close();
        }
        connections.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                Thread reader = new Thread(() -> read(connection), "syslog-receiver-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket connection) {
        try (InputStream in = new BufferedInputStream(connection.getInputStream())) {
            while (true) {
                int length = frameLength(in);
                if (length < 0) {
                    return;
                }
                byte[] frame = in.readNBytes(length);
                if (frame.length != length) {
                    errors.add("a frame of " + length + " octets ended after " + frame.length);
                    return;
                }
                parse(new String(frame, StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException closed) {
            // the connection ended
        }
    }

    /** RFC 6587 3.4.1: {@code MSG-LEN SP}, MSG-LEN = NONZERO-DIGIT *DIGIT; -1 at the end of the stream. */
    private int frameLength(InputStream in) throws IOException {
        StringBuilder digits = new StringBuilder();
        while (true) {
            int octet = in.read();
            if (octet < 0) {
                if (!digits.isEmpty()) {
                    errors.add("the stream ended inside MSG-LEN " + digits);
                }
                return -1;
            }
            if (octet == ' ') {
                if (digits.isEmpty() || digits.charAt(0) == '0') {
                    throw fail("MSG-LEN is not a number without leading zeros: '" + digits + "'");
                }
                return Integer.parseInt(digits.toString());
            }
            if (octet < '0' || octet > '9' || digits.length() > 9) {
                throw fail("not octet counting framing: byte " + octet + " after '" + digits + "'");
            }
            digits.append((char) octet);
        }
    }

    private void parse(String frame) {
        Matcher message = RFC5424.matcher(frame);
        if (!message.matches()) {
            errors.add("not an RFC 5424 message: " + frame);
            return;
        }
        int priority = Integer.parseInt(message.group(1));
        if (priority > 191 || !TIMESTAMP.matcher(message.group(3)).matches()) {
            errors.add("bad PRI or TIMESTAMP: " + frame);
            return;
        }
        String msg = message.group(9);
        messages.add(new Message(priority / 8, priority % 8, message.group(3), message.group(4), message.group(5),
                message.group(6), message.group(7), message.group(8), msg, msg == null ? null : cef(msg)));
    }

    /** CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension */
    static Cef cef(String text) {
        if (!text.startsWith("CEF:")) {
            throw new IllegalArgumentException("not CEF: " + text);
        }
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (header.size() < 7) {
            if (i >= text.length()) {
                throw new IllegalArgumentException("CEF header with " + header.size() + " fields: " + text);
            }
            char c = text.charAt(i++);
            if (c == '\\' && i < text.length() && (text.charAt(i) == '\\' || text.charAt(i) == '|')) {
                field.append(text.charAt(i++));
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("a line break in the CEF header: " + text);
            } else {
                field.append(c);
            }
        }
        header.set(0, header.get(0).substring("CEF:".length()));
        return new Cef(header, extension(text.substring(i)));
    }

    /**
     * The extension: {@code key=value} pairs separated by spaces; a key is alphanumeric; in a value {@code \\},
     * {@code \=}, {@code \n} and {@code \r} are escapes, and an unescaped {@code =} is an error; a value ends where a
     * space is followed by the next key and {@code =}.
     */
    static Map<String, String> extension(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            String key = text.substring(i, equals);
            if (!key.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("bad CEF key '" + key + "' in " + text);
            }
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            while (i < text.length() && !(text.charAt(i) == ' ' && nextIsKey(text, i + 1))) {
                char c = text.charAt(i++);
                if (c == '\\') {
                    char escaped = text.charAt(i++);
                    value.append(switch (escaped) {
                        case '\\' -> '\\';
                        case '=' -> '=';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        default -> throw new IllegalArgumentException("bad escape \\" + escaped + " in " + text);
                    });
                } else if (c == '=' || c == '\n' || c == '\r') {
                    throw new IllegalArgumentException("unescaped '" + c + "' in the value of " + key);
                } else {
                    value.append(c);
                }
            }
            if (fields.put(key, value.toString()) != null) {
                throw new IllegalArgumentException("CEF key twice: " + key);
            }
            i++;
        }
        return fields;
    }

    private static boolean nextIsKey(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i++;
        }
        return i > from && i < text.length() && text.charAt(i) == '=';
    }

    private IllegalStateException fail(String error) {
        errors.add(error);
        return new IllegalStateException(error);
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
