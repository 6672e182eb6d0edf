package io.incidentledger.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: a {@code CONNECT}, a path with a backslash,
 * an encoded slash or invalid UTF-8, an oversized header, raw bytes in a body. Each request closes its connection.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** The request line and headers as given, then {@code Host}, {@code Connection: close} and the credentials. */
    public Reply send(String user, String requestLine, String... headers) {
        return send(user, requestLine, new byte[0], headers);
    }

    public Reply send(String user, String requestLine, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (user != null) {
            head.append("Authorization: Basic ").append(Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return Reply.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    /** The status, the headers (names in lower case) and the body, de-chunked. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        static Reply parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int endOfHead = text.indexOf("\r\n\r\n");
            if (endOfHead < 0) {
                throw new IllegalStateException("no complete response: " + text);
            }
            String[] lines = text.substring(0, endOfHead).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(endOfHead + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Reply(status, headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int position = 0;
            while (true) {
                int endOfSize = chunked.indexOf("\r\n", position);
                int size = Integer.parseInt(chunked.substring(position, endOfSize).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, endOfSize + 2, endOfSize + 2 + size);
                position = endOfSize + 2 + size + 2;
            }
        }
    }
}
