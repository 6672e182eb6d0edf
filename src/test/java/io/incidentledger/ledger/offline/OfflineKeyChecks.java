package io.incidentledger.ledger.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.NoteVerifier;

/**
 * The offline verifier's own answers on a keys file (--keys) and on witnesses with a quorum (--witness, --quorum), for
 * tests outside this package that hold another verifier to them (the console's verify.js). Each answer is what the
 * offline verifier decides, written as text; {@link #REFUSED} when it refuses.
 */
public final class OfflineKeyChecks {

    public static final String REFUSED = "refused";

    private OfflineKeyChecks() {
    }

    /** The keys of a keys file as {@code <key> <first>-<last>} lines (an empty last for no end), or refused. */
    public static String keysFile(String content) {
        try {
            return keys(content).all().stream().map(key -> key.verifier().verifierKey() + " " + key.first() + "-"
                    + (key.last() == null ? "" : key.last())).collect(Collectors.joining("\n"));
        } catch (RuntimeException refused) {
            return REFUSED;
        }
    }

    /**
     * The checkpoint's text when the keys file's key for its tree size signed it, as the offline verifier checks a
     * previous checkpoint (TrustedKeys.forNote, the signature, Checkpoint.parse, TrustedKeys.checkRange), or refused.
     */
    public static String checkpoint(String keysFile, String note) {
        try {
            TrustedKeys keys = keys(keysFile);
            if (keys.isEmpty()) {
                return REFUSED;
            }
            NoteVerifier verifier = keys.forNote(note).verifier();
            String text = verifier.verify(note);
            keys.checkRange(verifier, Checkpoint.parse(text), "checkpoint");
            return text;
        } catch (RuntimeException refused) {
            return REFUSED;
        }
    }

    /** The witness summary of the offline verifier's VALID line, or refused (a bad line, or short of the quorum). */
    public static String witnesses(List<String> witnessKeys, int quorum, String note) {
        try {
            return WitnessQuorum.of(witnessKeys, quorum).check(note);
        } catch (RuntimeException refused) {
            return REFUSED;
        }
    }

    private static TrustedKeys keys(String content) {
        try {
            Path file = Files.createTempFile("keys", ".txt");
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
                return TrustedKeys.parse(List.of(), file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
