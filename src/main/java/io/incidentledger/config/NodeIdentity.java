package io.incidentledger.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.env.Environment;

/**
 * Who this node is to the other nodes on the same database: the owner of the event processors' token claims and the
 * name on the deadlines it runs. A node that restarts under the same identity takes its own claims back at once
 * instead of waiting for them to time out, as if they were a dead stranger's.
 *
 * <p>The rule (docs/operations.md, "Node identity"): {@code incident-ledger.node-id} when it is set; otherwise the host
 * name and the HTTP port, {@code host:8080}, which stay the same across restarts and differ between two nodes on one
 * host because they cannot listen on one port. A node on a random port ({@code server.port=0}, as tests start
 * them), or on a host without a name of its own, has nothing stable to go by and gets a new identity at each start,
 * so two such nodes never share one. Two
 * live nodes must never share an identity: each would take the other's claims and both would process the same
 * events.
 *
 * @param id at most {@value #MAX_LENGTH} characters, the width of the owner columns
 */
public record NodeIdentity(String id) {

    static final String PROPERTY = "incident-ledger.node-id";
    static final int MAX_LENGTH = 255;

    public NodeIdentity {
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH || !id.equals(id.strip())) {
            throw new IllegalArgumentException(PROPERTY + " must be 1 to " + MAX_LENGTH
                    + " characters without surrounding blanks");
        }
    }

    /** The identity the settings give this node, by the rule above. */
    static NodeIdentity of(Environment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new NodeIdentity(configured.strip());
        }
        Optional<String> host = hostName();
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (host.isEmpty() || port <= 0) {
            return new NodeIdentity(host.orElse("unknown-host") + ":random-" + UUID.randomUUID());
        }
        return new NodeIdentity(host.get() + ":" + port);
    }

    /** The host's name, if it has one of its own: {@code localhost} would be every machine's. */
    private static Optional<String> hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv("HOSTNAME");
        }
        return Optional.ofNullable(name).map(String::strip)
                .filter(candidate -> !candidate.isEmpty() && !candidate.equalsIgnoreCase("localhost"));
    }

    @Override
    public String toString() {
        return id;
    }
}
