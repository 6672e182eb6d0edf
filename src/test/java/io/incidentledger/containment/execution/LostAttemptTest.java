package io.incidentledger.containment.execution;

import static io.incidentledger.containment.execution.ApiWaits.WAIT;
import static io.incidentledger.containment.execution.ApiWaits.awaitJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.containment.saga.StepExecutor;
import io.incidentledger.outbound.SigningReceiver;
import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * An attempt the executor took and never made, as when its node is killed right after the saga's transaction
 * committed: the first node's executor drops every attempt it takes, the node goes away, and a second node on the
 * same database makes the attempt when the saga's persistent deadline finds it unanswered. The receiver gets it once,
 * under the step id as its idempotency key.
 */
class LostAttemptTest {

    private static final String SECRET = "lost-attempt-test-secret";
    private static final String CUSTODY_PORT = "incident-ledger.containment.effectors.withdrawal-control.";

    private final String url = "jdbc:h2:mem:lost-attempt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private SigningReceiver custody;

    @AfterEach
    void stopEverything() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (custody != null) {
            custody.close();
        }
        new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).execute("SHUTDOWN");
    }

    @Test
    void anAttemptLostWithItsNodeIsMadeByTheNextNodeOnceItsAnswerIsOverdue() throws IOException {
        custody = SigningReceiver.start(SECRET, (exchange, delivery) ->
                SigningReceiver.respond(exchange, 200, "{\"reference\":\"custody-" + delivery.number() + "\"}"));
        ConfigurableApplicationContext dying = start("node-1", true);
        ApiClient first = api(dying);
        String channel = "eth-hot-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response registered = first.post("admin", "/api/assets/withdrawal-channels", "{\"name\":\""
                + channel + "\",\"asset\":\"ETH\",\"venue\":\"main exchange\",\"wallets\":[{\"chain\":"
                + "\"ethereum\",\"address\":\"0x" + UUID.randomUUID().toString().replace("-", "") + "00000000\"}]}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        awaitJson(first, "/api/assets/withdrawal-channels/" + channel, view -> view.has("asset"));
        String incident = first.post("responder", "/api/incidents",
                "{\"title\":\"Withdrawals to an unknown wallet\",\"severity\":\"HIGH\",\"category\":\"OTHER\"}")
                .json().get("incidentId").asString();
        String step = first.post("commander", "/api/incidents/" + incident + "/containment/steps",
                "{\"action\":\"FREEZE_WITHDRAWALS\",\"target\":{\"type\":\"WITHDRAWAL_CHANNEL\",\"identifier\":\""
                        + channel + "\"},\"reason\":\"outflows to an unknown wallet\"}").json().get("stepId")
                .asString();
        await().atMost(WAIT).until(() -> dropped.get() >= 1);
        dying.close();
        assertThat(custody.deliveries()).isEmpty();

        ConfigurableApplicationContext next = start("node-2", false);

        JsonNode executed = awaitJson(api(next), "/api/incidents/" + incident + "/containment/steps/" + step,
                view -> "EXECUTED".equals(view.path("status").asString()));
        assertThat(executed.path("attempts").asInt()).isEqualTo(1);
        assertThat(custody.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.idempotencyKey()).isEqualTo(step);
            assertThat(delivery.body()).contains("\"attempt\":1");
        });
        awaitJson(api(next), "/api/assets/withdrawal-channels/" + channel,
                view -> "FROZEN".equals(view.path("asset").path("state").asString()));
    }

    private ConfigurableApplicationContext start(String nodeId, boolean dropsItsAttempts) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(IncidentLedgerApplication.class);
        if (dropsItsAttempts) {
            // the executor of a node that dies having taken each attempt: it takes them and makes none
            builder.initializers(context -> ((GenericApplicationContext) context).registerBean("droppingExecutor",
                    StepExecutor.class, () -> new InterceptedStepExecutor(context.getBean(EffectorStepExecutor.class),
                            order -> {
                                dropped.incrementAndGet();
                                return false;
                            }), definition -> definition.setPrimary(true)));
        }
        ConfigurableApplicationContext node = builder.run(
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=sa",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--server.port=0", "--server.address=127.0.0.1",
                "--incident-ledger.node-id=" + nodeId,
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/lost-attempt/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/lost-attempt/witness-" + UUID.randomUUID()
                        + ".checkpoint",
                "--" + CUSTODY_PORT + "mode=webhook",
                "--" + CUSTODY_PORT + "url=" + custody.url("/freezes"),
                "--" + CUSTODY_PORT + "secret=" + SECRET,
                "--" + CUSTODY_PORT + "connect-timeout=1s",
                "--" + CUSTODY_PORT + "timeout=1s",
                "--incident-ledger.containment.effectors.answer-grace=2s");
        nodes.add(node);
        return node;
    }

    private static ApiClient api(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }

}
