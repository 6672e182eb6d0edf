package io.incidentledger.asset.api;

/**
 * Identity of a smart contract: its chain and address, both in canonical form (lower-case chain; lower-case address
 * when it is {@code 0x} hexadecimal), so that every spelling of one contract is one aggregate. Its {@code toString()}
 * is the aggregate identifier in the event store, {@code contract:<chain>:<address>}; addresses hold no {@code :},
 * so the last one separates them.
 */
public record ContractId(String chain, String address) {

    static final String PREFIX = "contract:";

    public ContractId {
        chain = AssetIdentifiers.chain(chain);
        address = AssetIdentifiers.address(address);
    }

    public static ContractId of(String chain, String address) {
        return new ContractId(chain, address);
    }

    /** The user-facing identifier of a contract: its address. */
    public String name() {
        return address;
    }

    @Override
    public String toString() {
        return PREFIX + chain + ":" + address;
    }
}
