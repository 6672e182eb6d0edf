package io.incidentledger.ledger.offline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.incidentledger.ledger.log.CosignatureVerifier;
import io.incidentledger.ledger.log.SignedNote;

/**
 * The offline verifier's witness policy: the witnesses' cosigner keys the auditor trusts and how many of them must
 * have cosigned the bundle's checkpoint (C2SP tlog-cosignature, Ed25519 {@code cosignature/v1}).
 *
 * <p>As the signed-note rules say, a line with a trusted witness's name and key ID that does not verify makes the
 * checkpoint invalid; lines of other keys are ignored.
 */
record WitnessQuorum(List<CosignatureVerifier> witnesses, int quorum) {

    /**
     * @param keys   each a cosigner verifier key or {@code @file} holding one key per line
     * @param quorum the quorum, or null for all of the witnesses given
     */
    static WitnessQuorum of(List<String> keys, Integer quorum) {
        List<CosignatureVerifier> witnesses = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String option : keys) {
            List<String> given = option.startsWith("@")
                    ? BundleReader.text(Path.of(option.substring(1)), "witness key file").lines()
                            .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()
                    : List.of(option.strip());
            for (String key : given) {
                CosignatureVerifier witness;
                try {
                    witness = CosignatureVerifier.fromVerifierKey(key);
                } catch (IllegalArgumentException e) {
                    throw new UnusableInput("--witness is not a valid cosigner verifier key: " + e.getMessage());
                }
                if (seen.add(witness.verifierKey())) {
                    witnesses.add(witness);
                }
            }
        }
        if (quorum == null) {
            return new WitnessQuorum(witnesses, witnesses.size());
        }
        if (witnesses.isEmpty()) {
            throw new UnusableInput("--quorum needs the witnesses' keys (--witness)", true);
        }
        if (quorum < 1 || quorum > witnesses.size()) {
            throw new UnusableInput("--quorum must be between 1 and the number of witnesses (" + witnesses.size()
                    + "), not " + quorum, true);
        }
        return new WitnessQuorum(witnesses, quorum);
    }

    boolean required() {
        return !witnesses.isEmpty();
    }

    /**
     * Checks the checkpoint's cosignatures; returns the summary for the VALID line.
     *
     * @throws InvalidBundle if a trusted witness's line does not verify or fewer than the quorum cosigned
     */
    String check(String note) {
        SignedNote parsed = SignedNote.parse(note);
        List<String> cosigned = new ArrayList<>();
        for (CosignatureVerifier witness : witnesses) {
            boolean verified = false;
            for (SignedNote.Signature line : parsed.signatures()) {
                if (!witness.matches(line)) {
                    continue;
                }
                if (witness.verify(parsed.text(), line).isEmpty()) {
                    throw new InvalidBundle("checkpoint: the cosignature of witness " + name(witness)
                            + " does not verify");
                }
                verified = true;
            }
            if (verified) {
                cosigned.add(witness.name());
            }
        }
        if (cosigned.size() < quorum) {
            throw new InvalidBundle("checkpoint: cosigned by " + cosigned.size() + " of the " + witnesses.size()
                    + " trusted witnesses" + (cosigned.isEmpty() ? "" : " (" + String.join(", ", cosigned) + ")")
                    + ", fewer than the quorum of " + quorum);
        }
        return "; cosigned by " + cosigned.size() + " of " + witnesses.size() + " trusted witnesses ("
                + String.join(", ", cosigned) + "), quorum " + quorum;
    }

    private static String name(CosignatureVerifier witness) {
        return witness.name() + "+" + String.format("%08x", witness.keyId());
    }
}
