package io.incidentledger.ledger.witness;

import java.util.List;

/**
 * The configured witnesses and how many of them make a checkpoint witnessed.
 *
 * @param witnesses the witnesses, each known by its key's name and ID
 * @param quorum    how many of their cosignatures a checkpoint needs; 0 when no quorum is required
 */
public record WitnessPolicy(List<ConfiguredWitness> witnesses, int quorum) {

    public WitnessPolicy {
        witnesses = List.copyOf(witnesses);
    }
}
