package io.incidentledger.ledger.witness;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.ledger.LedgerProperties;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.incidentledger.ledger.log.LedgerLog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the witnessing of checkpoints: the configured witnesses, one session each, the cosigner and its policy. */
@Configuration(proxyBeanMethods = false)
public class WitnessingConfiguration {

    @Bean
    Cosignatures cosignatures(JdbcTemplate jdbc) {
        return new Cosignatures(jdbc);
    }

    @Bean
    WitnessPolicy witnessPolicy(WitnessingProperties properties) {
        List<ConfiguredWitness> witnesses = properties.witnesses().stream().map(witness -> {
            try {
                return ConfiguredWitness.of(witness);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("incident-ledger.ledger.witnessing.witnesses: " + e.getMessage(), e);
            }
        }).toList();
        Set<String> keys = new HashSet<>();
        for (ConfiguredWitness witness : witnesses) {
            if (!keys.add(witness.name() + "+" + Integer.toHexString(witness.keyId()))) {
                throw new IllegalStateException("incident-ledger.ledger.witnessing.witnesses: the witness key "
                        + witness.key().verifierKey() + " is configured twice");
            }
        }
        return new WitnessPolicy(witnesses, properties.quorum());
    }

    @Bean
    WitnessCosigner witnessCosigner(WitnessingProperties properties, WitnessPolicy policy, Cosignatures cosignatures,
                                    LedgerLog ledgerLog, LedgerKeyring ledgerKeyring,
                                    LedgerProperties ledgerProperties, CommandGateway commands, Clock clock) {
        WitnessClient client = new WitnessClient(properties.requestTimeout());
        WitnessAlarms alarms = new WitnessAlarms(commands, clock);
        List<WitnessSession> sessions = policy.witnesses().stream()
                .map(witness -> new WitnessSession(witness, client, cosignatures, ledgerLog,
                        ledgerKeyring::verifyAnyKey, ledgerProperties.origin(), alarms, clock, properties.minBackoff(),
                        properties.maxBackoff()))
                .toList();
        QuorumWatch quorumWatch = new QuorumWatch(cosignatures, policy.witnesses(), policy.quorum(),
                properties.quorumTimeout(), alarms, clock);
        return new WitnessCosigner(ledgerLog, sessions, quorumWatch, properties.pollInterval());
    }
}
