package io.incidentledger.containment.execution;

import java.util.Optional;
import java.util.concurrent.CompletionException;

import io.incidentledger.asset.api.AssetDetailView;
import io.incidentledger.asset.api.AssetView;
import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.FindAsset;
import io.incidentledger.asset.api.FreezeWithdrawals;
import io.incidentledger.asset.api.IsolateNode;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.PauseContract;
import io.incidentledger.asset.api.ReopenWithdrawals;
import io.incidentledger.asset.api.RestoreNode;
import io.incidentledger.asset.api.RevokeSigningKey;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.UnpauseContract;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.effector.EffectorAction;
import io.incidentledger.containment.effector.EffectorRequest;
import io.incidentledger.containment.effector.EffectorResult;
import io.incidentledger.containment.effector.Effectors;
import io.incidentledger.containment.effector.RetryPolicy;
import io.incidentledger.containment.saga.ContainmentSaga;
import io.incidentledger.containment.saga.StepOrder;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a containment step on a registered asset: the asset must be in the register (asked through a
 * query), the effector port of the step's action acts on the outside world, and the asset's own record then says what
 * was done, by which incident and step, with the receiver's reference. Notification steps need no port: the alerting
 * sends them from the step's event. Blocks for as long as the port takes; never throws for a failure of the outside
 * world, and decides from the port's retry policy whether a failure is worth another attempt.
 */
class StepAttempts {

    private static final Logger log = LoggerFactory.getLogger(StepAttempts.class);

    private final Effectors effectors;
    private final QueryGateway queries;
    private final CommandGateway commands;

    StepAttempts(Effectors effectors, QueryGateway queries, CommandGateway commands) {
        this.effectors = effectors;
        this.queries = queries;
        this.commands = commands;
    }

    StepOutcome make(StepOrder order) {
        if (order.action() == ContainmentStepAction.NOTIFY) {
            return new StepOutcome.Executed("alerting", "notification:" + order.stepId());
        }
        AffectedAsset target = order.target();
        Optional<AssetView> asset;
        try {
            asset = registered(target);
        } catch (IllegalArgumentException unanswerable) {
            return new StepOutcome.Failed(unanswerable.getMessage());
        }
        if (asset.isEmpty()) {
            return new StepOutcome.Failed("no " + target.type() + " " + target.identifier()
                    + (target.chain() == null ? "" : " on " + target.chain()) + " is registered");
        }
        EffectorAction action = EffectorAction.valueOf(order.action().name());
        EffectorResult result = effectors.perform(new EffectorRequest(order.incidentId().value(), order.stepId(),
                action, target, order.reason(), order.attempt(), order.requestedBy()));
        if (result instanceof EffectorResult.Executed executed) {
            record(order, asset.get(), executed.externalReference());
            return new StepOutcome.Executed(executed.adapter(), executed.externalReference());
        }
        if (result instanceof EffectorResult.RetryableFailure failure) {
            RetryPolicy policy = effectors.retryPolicyFor(action);
            return policy.exhausted(order.attempt())
                    ? new StepOutcome.Failed(policy.giveUp(order.attempt(), failure).reason())
                    : new StepOutcome.Retry(failure.reason(), policy.backoffAfter(order.attempt()));
        }
        return new StepOutcome.Failed(((EffectorResult.PermanentFailure) result).reason());
    }

    /** @throws IllegalArgumentException when the register cannot answer for this target (a contract without chain) */
    private Optional<AssetView> registered(AffectedAsset target) {
        try {
            return queries.query(new FindAsset(target.type(), target.identifier(), target.chain()),
                    ResponseTypes.optionalInstanceOf(AssetDetailView.class)).join().map(AssetDetailView::asset);
        } catch (CompletionException failed) {
            Throwable cause = failed.getCause();
            while (cause != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            if (cause instanceof IllegalArgumentException unanswerable) {
                throw unanswerable;
            }
            throw failed;
        }
    }

    /** Records the new state on the asset; an asset already in that state (another incident's doing) is left so. */
    private void record(StepOrder order, AssetView asset, String reference) {
        AffectedAsset target = order.target();
        Object command = switch (order.action()) {
            case REVOKE_KEY -> new RevokeSigningKey(SigningKeyId.of(target.identifier()), order.incidentId(),
                    order.stepId(), order.reason(), reference);
            case ISOLATE_NODE -> new IsolateNode(NodeId.of(target.identifier()), order.incidentId(), order.stepId(),
                    order.reason(), reference);
            case RESTORE_NODE -> new RestoreNode(NodeId.of(target.identifier()), order.incidentId(), order.stepId(),
                    order.reason(), reference);
            case PAUSE_CONTRACT -> new PauseContract(ContractId.of(target.chain(), target.identifier()),
                    order.incidentId(), order.stepId(), order.reason(), reference);
            case UNPAUSE_CONTRACT -> new UnpauseContract(ContractId.of(target.chain(), target.identifier()),
                    order.incidentId(), order.stepId(), order.reason(), reference);
            case FREEZE_WITHDRAWALS -> new FreezeWithdrawals(WithdrawalChannelId.of(target.identifier()),
                    order.incidentId(), order.stepId(), order.reason(), reference);
            case REOPEN_WITHDRAWALS -> new ReopenWithdrawals(WithdrawalChannelId.of(target.identifier()),
                    order.incidentId(), order.stepId(), order.reason(), reference);
            case NOTIFY -> throw new IllegalStateException("a notification step acts on no asset");
        };
        try {
            commands.sendAndWait(ActorMetadata.serviceCommand(command, ContainmentSaga.ACTOR, Roles.SYSTEM));
        } catch (CommandRefusedException refused) {
            log.info("{} {} was already {} when step {} of incident {} acted on it: {}", target.type(),
                    target.identifier(), asset.state(), order.stepId(), order.incidentId(), refused.getMessage());
        }
    }
}
