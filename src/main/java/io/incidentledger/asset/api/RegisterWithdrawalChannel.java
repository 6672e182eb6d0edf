package io.incidentledger.asset.api;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a withdrawal channel: the asset and/or venue whose withdrawals it carries and the wallets whose outflows it
 * controls.
 */
public record RegisterWithdrawalChannel(@TargetAggregateIdentifier WithdrawalChannelId channelId,
                                        String asset,
                                        String venue,
                                        List<WalletRef> wallets,
                                        String description) {
}
