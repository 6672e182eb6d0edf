package io.incidentledger.witness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/** A witness started as its main method starts it, answering on a random port, and a client for it over real HTTP. */
final class RunningWitness implements AutoCloseable {

    static final String NAME = "witness.example/w1";

    private final ConfigurableApplicationContext context;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningWitness(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * Starts a witness for the logs.
     *
     * @param keyFile the witness's key file
     * @param database the JDBC URL, user and password of its database
     */
    static RunningWitness start(Path keyFile, List<String> database, List<TestLog> logs, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--incident-ledger.witness.port=0",
                "--incident-ledger.witness.key-name=" + NAME,
                "--incident-ledger.witness.key-file=" + keyFile,
                "--incident-ledger.witness.database.url=" + database.get(0),
                "--incident-ledger.witness.database.username=" + database.get(1),
                "--incident-ledger.witness.database.password=" + database.get(2)));
        for (int i = 0; i < logs.size(); i++) {
            args.add("--incident-ledger.witness.logs[" + i + "].origin=" + logs.get(i).origin());
            args.add("--incident-ledger.witness.logs[" + i + "].verifier-keys=" + logs.get(i).verifierKey());
        }
        args.addAll(List.of(more));
        return new RunningWitness(WitnessApplication.run(args.toArray(String[]::new)));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    HttpResponse<String> post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI base() {
        return base;
    }

    @Override
    public void close() {
        context.close();
    }
}
