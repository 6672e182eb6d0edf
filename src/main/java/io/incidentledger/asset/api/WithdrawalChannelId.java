package io.incidentledger.asset.api;

/**
 * Identity of a withdrawal channel, e.g. {@code eth-hot-withdrawals}. Its {@code toString()} is the aggregate
 * identifier in the event store, {@code withdrawal-channel:<name>}.
 */
public record WithdrawalChannelId(String name) {

    static final String PREFIX = "withdrawal-channel:";

    public WithdrawalChannelId {
        AssetIdentifiers.requireName("withdrawal channel", name);
    }

    public static WithdrawalChannelId of(String name) {
        return new WithdrawalChannelId(name);
    }

    @Override
    public String toString() {
        return PREFIX + name;
    }
}
