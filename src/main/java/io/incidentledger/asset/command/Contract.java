package io.incidentledger.asset.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.ContractPaused;
import io.incidentledger.asset.api.ContractRegistered;
import io.incidentledger.asset.api.ContractUnpaused;
import io.incidentledger.asset.api.PauseContract;
import io.incidentledger.asset.api.RegisterContract;
import io.incidentledger.asset.api.UnpauseContract;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A smart contract the organisation can pause, known by its chain and address. It is ACTIVE until a containment step
 * of an incident pauses it (PAUSED), and ACTIVE again once unpaused. Pausing and unpausing are idempotent per incident
 * and step, so containment can retry them safely.
 */
@Aggregate
public class Contract {

    static final String PAUSE = "pause";
    static final String UNPAUSE = "unpause";

    @AggregateIdentifier
    private ContractId contractId;
    private AssetState state;
    private final ContainmentSteps steps = new ContainmentSteps();

    protected Contract() {
        // required by Axon to rebuild the contract from its events
    }

    @CommandHandler
    Contract(RegisterContract command) {
        apply(new ContractRegistered(command.contractId(),
                AssetRules.requiredText("name", command.name(), Limits.CONTRACT_NAME)));
    }

    @CommandHandler
    void handle(PauseContract command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(PAUSE, command.incidentId(), command.stepId())) {
            return;
        }
        if (state != AssetState.ACTIVE) {
            throw CommandRefusedException.conflict("contract-already-paused", "contract " + contractId.address()
                    + " on " + contractId.chain() + " is already paused");
        }
        apply(new ContractPaused(contractId, command.incidentId(), command.stepId().strip(), command.reason().strip(),
                AssetRules.optionalText("externalReference", command.externalReference(),
                        AssetRules.EXTERNAL_REFERENCE)));
    }

    @CommandHandler
    void handle(UnpauseContract command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(UNPAUSE, command.incidentId(), command.stepId())) {
            return;
        }
        if (state != AssetState.PAUSED) {
            throw CommandRefusedException.conflict("contract-not-paused", "contract " + contractId.address()
                    + " on " + contractId.chain() + " is " + state + ", not paused");
        }
        apply(new ContractUnpaused(contractId, command.incidentId(), command.stepId().strip(),
                command.reason().strip(), AssetRules.optionalText("externalReference", command.externalReference(),
                AssetRules.EXTERNAL_REFERENCE)));
    }

    @EventSourcingHandler
    void on(ContractRegistered event) {
        contractId = event.contractId();
        state = AssetState.ACTIVE;
    }

    @EventSourcingHandler
    void on(ContractPaused event) {
        state = AssetState.PAUSED;
        steps.add(PAUSE, event.incidentId(), event.stepId());
    }

    @EventSourcingHandler
    void on(ContractUnpaused event) {
        state = AssetState.ACTIVE;
        steps.add(UNPAUSE, event.incidentId(), event.stepId());
    }
}
