package io.incidentledger.ledger.anchor;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plain Ethereum JSON-RPC 2.0 client over HTTP (java.net.http and Jackson, no Spring, no web3j), for the offline
 * verifier to read what the chain says about an anchor, and for the tests to drive a local node. Each call answers
 * the response's {@code result}; a JSON-RPC error, a transport failure or a non-200 status is a
 * {@link ChainRpcException}.
 */
public final class ChainRpc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    public ChainRpc(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A call failed: the node could not be reached, or answered with an error. */
    public static final class ChainRpcException extends RuntimeException {

        ChainRpcException(String message) {
            super(message);
        }
    }

    /** The {@code result} of {@code method(params)}; JSON {@code null} when the node has no such object. */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        request.set("params", JSON.valueToTree(List.of(params)));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ChainRpcException("cannot reach the chain node " + endpoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainRpcException("interrupted while asking the chain node " + endpoint);
        }
        if (response.statusCode() != 200) {
            throw new ChainRpcException("the chain node " + endpoint + " answered " + method + " with HTTP "
                    + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ChainRpcException("the chain node " + endpoint + " answered " + method + " with no JSON");
        }
        if (body.hasNonNull("error")) {
            throw new ChainRpcException("the chain node " + endpoint + " refused " + method + ": "
                    + body.get("error").path("message").asText(body.get("error").toString()));
        }
        if (!body.has("result")) {
            throw new ChainRpcException("the chain node " + endpoint + " answered " + method + " without a result");
        }
        return body.get("result");
    }

    /** The current block number ({@code eth_blockNumber}). */
    public long blockNumber() {
        return quantity(call("eth_blockNumber"), "eth_blockNumber").longValueExact();
    }

    /** The chain id the node serves ({@code eth_chainId}). */
    public long chainId() {
        return quantity(call("eth_chainId"), "eth_chainId").longValueExact();
    }

    /** A hex quantity ({@code 0x1a}) as a number. */
    public static BigInteger quantity(JsonNode value, String what) {
        if (value == null || !value.isTextual() || !value.asText().matches("0x[0-9a-fA-F]+")) {
            throw new ChainRpcException(what + " is not a hex quantity: " + value);
        }
        return new BigInteger(value.asText().substring(2), 16);
    }

    /** The hex for a block number parameter. */
    public static String hex(long quantity) {
        return "0x" + Long.toHexString(quantity);
    }

    @Override
    public String toString() {
        return "ChainRpc[" + endpoint + "]";
    }
}
