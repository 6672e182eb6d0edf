package io.incidentledger.witness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.SignedNote;

/**
 * A log the witness cosigns: its origin and the keys trusted to sign its checkpoints.
 *
 * @param origin the log's origin
 * @param verifiers the log's trusted note keys
 */
record TrustedLog(String origin, List<NoteVerifier> verifiers) {

    TrustedLog {
        verifiers = List.copyOf(verifiers);
    }

    static TrustedLog of(WitnessProperties.Log log) {
        return new TrustedLog(log.origin(), log.verifierKeys().stream().map(NoteVerifier::new).toList());
    }

    /** The lower-case hex SHA-256 of the origin, the path segment of the monitoring endpoint. */
    String originHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * The note's signatures by trusted keys, each verified. Signatures of other keys are ignored, as the spec
     * requires; a signature whose key name and ID match a trusted key but that does not verify makes the note
     * malformed.
     *
     * @return the verified signatures, empty if the note carries none by a trusted key
     * @throws NoteVerifier.NoteVerificationException if a signature by a trusted key fails
     */
    List<SignedNote.Signature> verifiedSignatures(SignedNote note) {
        List<SignedNote.Signature> verified = new ArrayList<>();
        for (SignedNote.Signature signature : note.signatures()) {
            for (NoteVerifier verifier : verifiers) {
                if (verifier.keyName().equals(signature.keyName()) && verifier.keyId() == signature.keyId()) {
                    // Throws if this signature does not verify: one signature per note, so no other can mask it.
                    verifier.verify(new SignedNote(note.text(), List.of(signature)).format());
                    if (!verified.contains(signature)) {
                        verified.add(signature);
                    }
                }
            }
        }
        return verified;
    }
}
