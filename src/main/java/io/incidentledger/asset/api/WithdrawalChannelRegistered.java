package io.incidentledger.asset.api;

import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * A withdrawal channel was registered as OPEN, for an asset and/or a venue, controlling the outflows of the listed
 * wallets (canonical form, no duplicates).
 */
@Revision("1")
public record WithdrawalChannelRegistered(WithdrawalChannelId channelId,
                                          String asset,
                                          String venue,
                                          List<WalletRef> wallets,
                                          String description) {
}
