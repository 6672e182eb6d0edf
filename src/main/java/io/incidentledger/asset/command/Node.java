package io.incidentledger.asset.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.IsolateNode;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.NodeIsolated;
import io.incidentledger.asset.api.NodeRegistered;
import io.incidentledger.asset.api.NodeRestored;
import io.incidentledger.asset.api.RegisterNode;
import io.incidentledger.asset.api.RestoreNode;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A node the organisation runs: a validator, an RPC endpoint, a signer, a bridge relayer. It is ONLINE until a
 * containment step of an incident isolates it (ISOLATED), and ONLINE again once restored. Isolation and restoration
 * are idempotent per incident and step, so containment can retry them safely.
 */
@Aggregate
public class Node {

    static final String ISOLATE = "isolate";
    static final String RESTORE = "restore";

    @AggregateIdentifier
    private NodeId nodeId;
    private AssetState state;
    private final ContainmentSteps steps = new ContainmentSteps();

    protected Node() {
        // required by Axon to rebuild the node from its events
    }

    @CommandHandler
    Node(RegisterNode command) {
        if (command.role() == null) {
            throw CommandRefusedException.invalid("role-required", "a node needs a role");
        }
        apply(new NodeRegistered(command.nodeId(), command.role(), AssetRules.optionalChain(command.chain()),
                AssetRules.optionalText("description", command.description(), Limits.DESCRIPTION)));
    }

    @CommandHandler
    void handle(IsolateNode command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(ISOLATE, command.incidentId(), command.stepId())) {
            return;
        }
        if (state != AssetState.ONLINE) {
            throw CommandRefusedException.conflict("node-already-isolated", "node " + nodeId.name()
                    + " is already isolated");
        }
        apply(new NodeIsolated(nodeId, command.incidentId(), command.stepId().strip(), command.reason().strip(),
                AssetRules.optionalText("externalReference", command.externalReference(),
                        AssetRules.EXTERNAL_REFERENCE)));
    }

    @CommandHandler
    void handle(RestoreNode command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(RESTORE, command.incidentId(), command.stepId())) {
            return;
        }
        if (state != AssetState.ISOLATED) {
            throw CommandRefusedException.conflict("node-not-isolated", "node " + nodeId.name() + " is " + state
                    + ", not isolated");
        }
        apply(new NodeRestored(nodeId, command.incidentId(), command.stepId().strip(), command.reason().strip(),
                AssetRules.optionalText("externalReference", command.externalReference(),
                        AssetRules.EXTERNAL_REFERENCE)));
    }

    @EventSourcingHandler
    void on(NodeRegistered event) {
        nodeId = event.nodeId();
        state = AssetState.ONLINE;
    }

    @EventSourcingHandler
    void on(NodeIsolated event) {
        state = AssetState.ISOLATED;
        steps.add(ISOLATE, event.incidentId(), event.stepId());
    }

    @EventSourcingHandler
    void on(NodeRestored event) {
        state = AssetState.ONLINE;
        steps.add(RESTORE, event.incidentId(), event.stepId());
    }
}
