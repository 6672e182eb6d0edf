package io.incidentledger.ledger.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.NoteVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness file, kept outside the database: the newest checkpoint the verifier found intact and the identity of
 * the log it belongs to ({@code docs/operations.md}). Its text, UTF-8:
 *
 * <pre>
 * incident-ledger witness v1
 * log &lt;log id&gt;
 *
 * &lt;the signed checkpoint note, verbatim&gt;
 * </pre>
 *
 * A file written before logs had identities holds the note alone; it is read as a witness of no known log.
 */
final class WitnessFile {

    static final String HEADER = "incident-ledger witness v1";
    private static final String LOG_PREFIX = "log ";
    private static final Pattern LOG_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(WitnessFile.class);

    private final Path path;
    private final UnaryOperator<String> noteVerifier;

    WitnessFile(Path path, NoteVerifier noteVerifier) {
        this(path, noteVerifier::verify);
    }

    /** @param noteVerifier checks a signed note with the log's keys and returns its text */
    WitnessFile(Path path, UnaryOperator<String> noteVerifier) {
        this.path = path;
        this.noteVerifier = noteVerifier;
    }

    /** A witnessed checkpoint; {@code logId} is null in a file written before logs had identities. */
    record Witness(String logId, String note, Checkpoint checkpoint) {
    }

    Path path() {
        return path.toAbsolutePath().normalize();
    }

    /**
     * The witness, or empty when there is none. A file that cannot be read, or whose checkpoint does not verify with
     * the log's key, is no witness: that is logged, and the file is left as it is.
     */
    Optional<Witness> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException unreadable) {
            log.warn("The ledger witness file {} cannot be used ({}); verifying without it", path(),
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    private Witness parse(String text) {
        String logId = null;
        String note = text;
        if (text.startsWith(HEADER + "\n")) {
            String[] lines = text.split("\n", 4);
            if (lines.length < 4 || !lines[1].startsWith(LOG_PREFIX) || !lines[2].isEmpty()) {
                throw new IllegalArgumentException("its header is not \"" + HEADER + "\", \"log <id>\", a blank line");
            }
            logId = lines[1].substring(LOG_PREFIX.length());
            if (!LOG_ID.matcher(logId).matches()) {
                throw new IllegalArgumentException("it names no valid log id");
            }
            note = lines[3];
        }
        return new Witness(logId, note, Checkpoint.parse(noteVerifier.apply(note)));
    }

    /** Replaces the file, atomically, with the witness of {@code note} in the log {@code logId}. */
    void write(String logId, String note) {
        if (!LOG_ID.matcher(logId).matches()) {
            throw new IllegalArgumentException("not a log id: " + logId);
        }
        try {
            Path parent = path().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "witness", ".tmp");
            try {
                Files.writeString(temporary, HEADER + "\n" + LOG_PREFIX + logId + "\n\n" + note,
                        StandardCharsets.UTF_8);
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger witness " + path(), e);
        }
    }

    /** Where {@link #setAside} keeps the witness of the log {@code logId} (a file of no known log: "unknown"). */
    Path setAsidePath(String logId) {
        return path().resolveSibling(path.getFileName() + ".replaced-" + (logId == null ? "unknown" : logId));
    }

    /** Moves the file out of the way, next to where it was, and returns where it went. */
    Path setAside(String logId) {
        Path aside = setAsidePath(logId);
        try {
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the ledger witness " + path() + " to " + aside, e);
        }
    }
}
