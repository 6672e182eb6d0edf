package io.incidentledger.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.incidentledger.IncidentLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application nodes, {@code a} and {@code b}, on one PostgreSQL database, signing one log with one key; each keeps
 * its own witness file. Settings are arguments, which outrank the postgres profile's own.
 */
public final class TwoNodes implements AutoCloseable {

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    private TwoNodes() {
    }

    /**
     * Starts both nodes.
     *
     * @param witnessPrefix the start of each node's witness file path, to which {@code <node>.checkpoint} is added
     * @param more          further arguments for both nodes
     */
    public static TwoNodes start(String url, String user, String password, String signingKey, String witnessPrefix,
                                 String... more) {
        TwoNodes started = new TwoNodes();
        try {
            for (String node : List.of("a", "b")) {
                String[] arguments = Stream.concat(Stream.of(
                        "--spring.profiles.active=postgres,demo", "--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password,
                        "--incident-ledger.ledger.signing-key-file=" + signingKey,
                        "--incident-ledger.ledger.witness-file=" + witnessPrefix + node + ".checkpoint"),
                        Stream.of(more).map(argument -> argument.replace("{node}", node))).toArray(String[]::new);
                started.nodes.add(new SpringApplicationBuilder(IncidentLedgerApplication.class).run(arguments));
            }
            return started;
        } catch (RuntimeException failed) {
            started.close();
            throw failed;
        }
    }

    /** Node {@code index} (0 is {@code a}, 1 is {@code b}). */
    public ConfigurableApplicationContext node(int index) {
        return nodes.get(index);
    }

    /** A client of each node's API, in node order. */
    public List<ApiClient> clients() {
        return nodes.stream()
                .map(node -> new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort()))
                .toList();
    }

    @Override
    public void close() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
    }
}
