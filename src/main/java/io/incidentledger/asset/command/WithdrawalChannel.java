package io.incidentledger.asset.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.FreezeWithdrawals;
import io.incidentledger.asset.api.RegisterWithdrawalChannel;
import io.incidentledger.asset.api.ReopenWithdrawals;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.asset.api.WithdrawalChannelRegistered;
import io.incidentledger.asset.api.WithdrawalsFrozen;
import io.incidentledger.asset.api.WithdrawalsReopened;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A channel through which customers' withdrawals leave the organisation: of an asset (e.g. ETH), at a venue, or both,
 * paying out from a set of wallets. It is OPEN until a containment step of an incident freezes it (FROZEN), and OPEN
 * again once reopened. Freezing and reopening are idempotent per incident and step, so containment can retry them
 * safely.
 */
@Aggregate
public class WithdrawalChannel {

    static final String FREEZE = "freeze";
    static final String REOPEN = "reopen";

    @AggregateIdentifier
    private WithdrawalChannelId channelId;
    private AssetState state;
    private final ContainmentSteps steps = new ContainmentSteps();

    protected WithdrawalChannel() {
        // required by Axon to rebuild the channel from its events
    }

    @CommandHandler
    WithdrawalChannel(RegisterWithdrawalChannel command) {
        String asset = AssetRules.optionalText("asset", command.asset(), Limits.ASSET_SYMBOL);
        String venue = AssetRules.optionalText("venue", command.venue(), Limits.VENUE);
        if (asset == null && venue == null) {
            throw CommandRefusedException.invalid("asset-or-venue-required",
                    "a withdrawal channel names its asset, its venue, or both");
        }
        apply(new WithdrawalChannelRegistered(command.channelId(), asset, venue, wallets(command.wallets()),
                AssetRules.optionalText("description", command.description(), Limits.DESCRIPTION)));
    }

    @CommandHandler
    void handle(FreezeWithdrawals command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(FREEZE, command.incidentId(), command.stepId())) {
            return;
        }
        if (state != AssetState.OPEN) {
            throw CommandRefusedException.conflict("withdrawals-already-frozen", "withdrawal channel "
                    + channelId.name() + " is already frozen");
        }
        apply(new WithdrawalsFrozen(channelId, command.incidentId(), command.stepId().strip(),
                command.reason().strip(), AssetRules.optionalText("externalReference", command.externalReference(),
                AssetRules.EXTERNAL_REFERENCE)));
    }

    @CommandHandler
    void handle(ReopenWithdrawals command) {
        AssetRules.requireStep(command.incidentId(), command.stepId(), command.reason());
        if (steps.contains(REOPEN, command.incidentId(), command.stepId())) {
            return;
        }
        if (state != AssetState.FROZEN) {
            throw CommandRefusedException.conflict("withdrawals-not-frozen", "withdrawal channel "
                    + channelId.name() + " is " + state + ", not frozen");
        }
        apply(new WithdrawalsReopened(channelId, command.incidentId(), command.stepId().strip(),
                command.reason().strip(), AssetRules.optionalText("externalReference", command.externalReference(),
                AssetRules.EXTERNAL_REFERENCE)));
    }

    @EventSourcingHandler
    void on(WithdrawalChannelRegistered event) {
        channelId = event.channelId();
        state = AssetState.OPEN;
    }

    @EventSourcingHandler
    void on(WithdrawalsFrozen event) {
        state = AssetState.FROZEN;
        steps.add(FREEZE, event.incidentId(), event.stepId());
    }

    @EventSourcingHandler
    void on(WithdrawalsReopened event) {
        state = AssetState.OPEN;
        steps.add(REOPEN, event.incidentId(), event.stepId());
    }

    /** The wallets once each, in the order given; WalletRef already made them canonical. */
    private static List<WalletRef> wallets(List<WalletRef> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.stream().anyMatch(Objects::isNull)) {
            throw CommandRefusedException.invalid("invalid-wallet", "a wallet entry is missing");
        }
        Set<WalletRef> unique = new LinkedHashSet<>(requested);
        if (unique.size() > Limits.ITEMS) {
            throw CommandRefusedException.invalid("too-many-wallets", "a withdrawal channel lists at most "
                    + Limits.ITEMS + " wallets");
        }
        return List.copyOf(unique);
    }
}
