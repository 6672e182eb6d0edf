package io.incidentledger.asset.web;

import static io.incidentledger.asset.api.AssetIdentifiers.ADDRESS_PATTERN;
import static io.incidentledger.asset.api.AssetIdentifiers.CHAIN_PATTERN;
import static io.incidentledger.asset.api.AssetIdentifiers.NAME_PATTERN;

import java.util.List;

import io.incidentledger.asset.api.KeyPurpose;
import io.incidentledger.asset.api.NodeRole;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.common.Limits;
import io.incidentledger.incident.api.AssetType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of the asset API, validated here at the edge before they become commands. None has a field for
 * key material, and unknown fields are refused, so a secret sent by mistake is never stored.
 */
final class AssetRequests {

    static final String NAME_MESSAGE = "must be 1 to " + Limits.ASSET_NAME + " characters without whitespace, "
            + "control characters, '/', '\\', '%' or ';'";
    static final String CHAIN_MESSAGE = "must be 1 to " + Limits.CHAIN + " letters, digits, '.', '_', ':' or '-'";
    static final String ADDRESS_MESSAGE = "must be 1 to " + Limits.ADDRESS + " letters, digits, '.', '_' or '-'";

    private AssetRequests() {
    }

    record SigningKeyRequest(@NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
                             @NotNull KeyPurpose purpose,
                             @Pattern(regexp = CHAIN_PATTERN, message = CHAIN_MESSAGE) String chain,
                             @Pattern(regexp = ADDRESS_PATTERN, message = ADDRESS_MESSAGE) String address,
                             @Size(max = Limits.DESCRIPTION) String description) {
    }

    record NodeRequest(@NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
                       @NotNull NodeRole role,
                       @Pattern(regexp = CHAIN_PATTERN, message = CHAIN_MESSAGE) String chain,
                       @Size(max = Limits.DESCRIPTION) String description) {
    }

    record ContractRequest(@NotNull @Pattern(regexp = CHAIN_PATTERN, message = CHAIN_MESSAGE) String chain,
                           @NotNull @Pattern(regexp = ADDRESS_PATTERN, message = ADDRESS_MESSAGE) String address,
                           @NotBlank @Size(max = Limits.CONTRACT_NAME) String name) {
    }

    record WalletRequest(@NotNull @Pattern(regexp = CHAIN_PATTERN, message = CHAIN_MESSAGE) String chain,
                         @NotNull @Pattern(regexp = ADDRESS_PATTERN, message = ADDRESS_MESSAGE) String address) {

        WalletRef toWallet() {
            return new WalletRef(chain, address);
        }
    }

    /** A channel names its asset, its venue or both; the command refuses one with neither. */
    record WithdrawalChannelRequest(@NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
                                    @Size(max = Limits.ASSET_SYMBOL) String asset,
                                    @Size(max = Limits.VENUE) String venue,
                                    @Size(max = Limits.ITEMS) List<@NotNull @Valid WalletRequest> wallets,
                                    @Size(max = Limits.DESCRIPTION) String description) {

        List<WalletRef> walletRefs() {
            return wallets == null ? List.of() : wallets.stream().map(WalletRequest::toWallet).toList();
        }
    }

    record RotationRequest(@NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String successor,
                           @NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    /** The answer to a registration: how to name the new asset (a contract by chain and address). */
    record RegisteredResponse(AssetType type, String name, String chain) {
    }
}
