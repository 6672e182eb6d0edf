package io.incidentledger.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.incidentledger.testing.RawHttp.Reply;

/**
 * HTTP/1.1 from a chosen loopback address ({@code 127.0.0.2}, {@code 127.0.0.3}, …), so that the service sees
 * requests from several clients; with the credentials and headers as given. Each request closes its connection.
 */
public final class HttpFrom {

    private final String localAddress;
    private final int port;

    public HttpFrom(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    /** {@code Authorization: Basic} for this name and password. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Reply send(String requestLine, String authorization, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(reply);
            return Reply.parse(reply.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
