package io.incidentledger.ledger.log;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The body of a witness {@code add-checkpoint} request (c2sp.org/tlog-witness): the size of the last checkpoint
 * the witness cosigned for the log, a consistency proof from it, and the new signed checkpoint.
 *
 * <p>On the wire it is {@code old <size>}, one base64 hash per line, an empty line and the checkpoint note
 * verbatim; every line ends with a newline. Parsing is strict, so that a request has exactly one accepted form
 * and a witness refuses what the spec forbids. A parsed request says nothing about authenticity: the witness
 * still has to verify the log's signature on the note.
 *
 * @param oldSize the tree size of the latest checkpoint the witness cosigned for this log, or 0
 * @param consistencyProof the RFC 6962 / RFC 9162 consistency proof from {@code oldSize} to the new size,
 *        at most 63 hashes of 32 bytes; empty when {@code oldSize} is 0
 * @param checkpointNote the signed checkpoint note, byte for byte as the log signed it
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> consistencyProof, String checkpointNote) {

    /** The most consistency proof lines a request may carry. */
    public static final int MAX_PROOF_LINES = 63;

    /** The media type of a witness's 409 answer, whose body is the size it holds. */
    public static final String SIZE_MEDIA_TYPE = "text/x.tlog.size";

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
    private static final String OLD_PREFIX = "old ";

    /**
     * Checks the request can be written and parsed back.
     *
     * @throws IllegalArgumentException if the old size is negative or above the checkpoint's size, the proof has
     *         too many hashes or one is not 32 bytes, or the note is not a signed checkpoint
     */
    public AddCheckpointRequest {
        if (oldSize < 0) {
            throw new IllegalArgumentException("old size must not be negative: " + oldSize);
        }
        Objects.requireNonNull(consistencyProof, "consistencyProof");
        if (consistencyProof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("a consistency proof may have at most " + MAX_PROOF_LINES
                    + " hashes, not " + consistencyProof.size());
        }
        List<byte[]> copies = new ArrayList<>(consistencyProof.size());
        for (byte[] hash : consistencyProof) {
            if (hash == null || hash.length != Checkpoint.HASH_SIZE) {
                throw new IllegalArgumentException("consistency proof hash " + (copies.size() + 1) + " is not "
                        + Checkpoint.HASH_SIZE + " bytes");
            }
            copies.add(hash.clone());
        }
        consistencyProof = List.copyOf(copies);
        Objects.requireNonNull(checkpointNote, "checkpointNote");
        Checkpoint checkpoint = checkpointOf(checkpointNote);
        if (oldSize > checkpoint.treeSize()) {
            throw new IllegalArgumentException("old size " + oldSize + " is larger than the checkpoint's size "
                    + checkpoint.treeSize());
        }
    }

    /**
     * Parses a request body strictly.
     *
     * @throws IllegalArgumentException with the reason, if the body is not valid UTF-8, lacks the old size line
     *         or the empty line, spells the old size other than in decimal without leading zeros or out of range,
     *         has more than 63 proof lines or one that is not canonical padded base64 of 32 bytes, or the rest is
     *         not a signed checkpoint note
     */
    public static AddCheckpointRequest parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the request body is not valid UTF-8", e);
        }
        int end = text.indexOf('\n');
        if (end < 0) {
            throw new IllegalArgumentException("the request body must start with an old size line ending in a "
                    + "newline");
        }
        long oldSize = parseOldSizeLine(text.substring(0, end));
        List<byte[]> proof = new ArrayList<>();
        int start = end + 1;
        while (true) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                throw new IllegalArgumentException("the request body needs an empty line after the consistency "
                        + "proof, before the checkpoint");
            }
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new IllegalArgumentException("a request may carry at most " + MAX_PROOF_LINES
                        + " consistency proof lines");
            }
            byte[] hash = SignedNote.decodeBase64Strictly(line, "consistency proof line " + (proof.size() + 1));
            if (hash.length != Checkpoint.HASH_SIZE) {
                throw new IllegalArgumentException("consistency proof line " + (proof.size() + 1) + " holds "
                        + hash.length + " bytes, not a " + Checkpoint.HASH_SIZE + "-byte hash");
            }
            proof.add(hash);
        }
        return new AddCheckpointRequest(oldSize, proof, text.substring(start));
    }

    /**
     * Reads the body of a witness's 409 answer: the size of its latest cosigned checkpoint in decimal and a
     * newline.
     *
     * @throws IllegalArgumentException if the body is anything else
     */
    public static long parseSizeResponse(String body) {
        Objects.requireNonNull(body, "body");
        if (!body.endsWith("\n") || !DECIMAL.matcher(body.substring(0, body.length() - 1)).matches()) {
            throw new IllegalArgumentException("a size answer must be a decimal without leading zeros and a "
                    + "newline");
        }
        try {
            return Long.parseLong(body.substring(0, body.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the size in the answer is too large", e);
        }
    }

    /** The request body as the spec writes it. */
    public String format() {
        StringBuilder body = new StringBuilder(OLD_PREFIX).append(oldSize).append('\n');
        for (byte[] hash : consistencyProof) {
            body.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return body.append('\n').append(checkpointNote).toString();
    }

    /** Copies of the proof's hashes. */
    @Override
    public List<byte[]> consistencyProof() {
        return consistencyProof.stream().map(byte[]::clone).toList();
    }

    /** The parsed signed note, whose signatures are not yet verified. */
    public SignedNote note() {
        return SignedNote.parse(checkpointNote);
    }

    /** The checkpoint the note claims, to be trusted only once a log signature on it is verified. */
    public Checkpoint checkpoint() {
        return checkpointOf(checkpointNote);
    }

    private static Checkpoint checkpointOf(String note) {
        SignedNote signed;
        try {
            signed = SignedNote.parse(note);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint is not a well-formed signed note: " + e.getMessage(),
                    e);
        }
        try {
            return Checkpoint.parse(signed.text());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the note is not a well-formed checkpoint: " + e.getMessage(), e);
        }
    }

    private static long parseOldSizeLine(String line) {
        if (!line.startsWith(OLD_PREFIX)) {
            throw new IllegalArgumentException("the first line must be 'old <size>'");
        }
        String size = line.substring(OLD_PREFIX.length());
        if (!DECIMAL.matcher(size).matches()) {
            throw new IllegalArgumentException("the old size must be a decimal without leading zeros");
        }
        try {
            return Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the old size is too large", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AddCheckpointRequest that) || oldSize != that.oldSize
                || !checkpointNote.equals(that.checkpointNote)
                || consistencyProof.size() != that.consistencyProof.size()) {
            return false;
        }
        for (int i = 0; i < consistencyProof.size(); i++) {
            if (!Arrays.equals(consistencyProof.get(i), that.consistencyProof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(oldSize, checkpointNote);
        for (byte[] node : consistencyProof) {
            hash = 31 * hash + Arrays.hashCode(node);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "AddCheckpointRequest[oldSize=" + oldSize + ", proof=" + consistencyProof.size() + " hashes, note="
                + checkpointNote.length() + " chars]";
    }
}
