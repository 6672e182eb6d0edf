package io.incidentledger.detection.chain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.web3j.crypto.Hash;

/**
 * The calls and events the follower names (docs/chain-follower.md, "What is read"): a call's 4-byte selector and an
 * event's first topic are the Keccak-256 of their signatures, computed here from the signatures themselves.
 */
final class EvmSignatures {

    /** ERC-20 {@code Transfer}: from and to indexed, the amount in the data. */
    static final String TRANSFER = "Transfer(address,address,uint256)";

    /** Admin events: OpenZeppelin Ownable, Pausable, AccessControl, ERC-1967 proxies, Safe. */
    static final List<String> PRIVILEGED_EVENTS = List.of(
            "OwnershipTransferred(address,address)",
            "Paused(address)", "Unpaused(address)",
            "RoleGranted(bytes32,address,address)", "RoleRevoked(bytes32,address,address)",
            "RoleAdminChanged(bytes32,bytes32,bytes32)",
            "Upgraded(address)", "AdminChanged(address,address)", "BeaconUpgraded(address)",
            "AddedOwner(address)", "RemovedOwner(address)", "ChangedThreshold(uint256)");

    /** Calls named by their signature; any other call is named by its selector. */
    static final List<String> KNOWN_CALLS = List.of(
            "transfer(address,uint256)", "transferFrom(address,address,uint256)", "approve(address,uint256)",
            "transferOwnership(address)", "renounceOwnership()", "acceptOwnership()",
            "pause()", "unpause()",
            "grantRole(bytes32,address)", "revokeRole(bytes32,address)", "renounceRole(bytes32,address)",
            "upgradeTo(address)", "upgradeToAndCall(address,bytes)", "changeAdmin(address)",
            "addOwnerWithThreshold(address,uint256)", "removeOwner(address,address,uint256)",
            "swapOwner(address,address,address)", "changeThreshold(uint256)");

    static final String TRANSFER_TOPIC = topic(TRANSFER);
    private static final Map<String, String> EVENTS = PRIVILEGED_EVENTS.stream()
            .collect(Collectors.toUnmodifiableMap(EvmSignatures::topic, Function.identity()));
    private static final Map<String, String> CALLS = KNOWN_CALLS.stream()
            .collect(Collectors.toUnmodifiableMap(EvmSignatures::selector, Function.identity()));

    private EvmSignatures() {
    }

    /** The first topic of an event: Keccak-256 of its signature, {@code 0x} and 64 hex digits. */
    static String topic(String signature) {
        return Hash.sha3String(signature).toLowerCase(Locale.ROOT);
    }

    /** The selector of a call: the first 4 bytes of Keccak-256 of its signature, {@code 0x} and 8 hex digits. */
    static String selector(String signature) {
        return topic(signature).substring(0, 10);
    }

    /** The signature of an admin event by its first topic; null for any other event. */
    static String privilegedEvent(String topic) {
        return topic == null ? null : EVENTS.get(topic.toLowerCase(Locale.ROOT));
    }

    /**
     * What a transaction's input calls: the signature of a known call, else the selector; null for no call (a
     * plain transfer, or input too short to hold a selector).
     */
    static String method(String input) {
        if (input == null || input.length() < 10 || !input.startsWith("0x")) {
            return null;
        }
        String selector = input.substring(0, 10).toLowerCase(Locale.ROOT);
        return CALLS.getOrDefault(selector, selector);
    }
}
