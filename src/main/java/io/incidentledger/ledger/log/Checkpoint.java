package io.incidentledger.ledger.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The body of a C2SP transparency log checkpoint (c2sp.org/tlog-checkpoint): the note text that a log signs
 * to commit to the head of its Merkle tree.
 *
 * <p>The text is the origin, the tree size in decimal and the base64 root hash, one per line, followed by
 * optional opaque extension lines; every line ends with a newline and none is empty.
 *
 * @param origin the unique name of the log that issued the checkpoint, such as {@code example.com/log42};
 *        by convention also the name of the log's signing key
 * @param treeSize the number of leaves in the tree
 * @param rootHash the 32-byte RFC 6962 Merkle tree hash of the first {@code treeSize} leaves
 * @param extensions the extension lines, without newlines, usually none
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensions) {

    /** The size of an RFC 6962 SHA-256 tree hash. */
    public static final int HASH_SIZE = 32;

    private static final Pattern TREE_SIZE = Pattern.compile("0|[1-9][0-9]*");

    /**
     * Checks every field can be written as a checkpoint line.
     *
     * @throws IllegalArgumentException if a field is out of range or a line would be empty or hold a newline
     */
    public Checkpoint {
        requireLine(origin, "origin");
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must not be negative: " + treeSize);
        }
        Objects.requireNonNull(rootHash, "rootHash");
        if (rootHash.length != HASH_SIZE) {
            throw new IllegalArgumentException("root hash must be " + HASH_SIZE + " bytes, not " + rootHash.length);
        }
        rootHash = rootHash.clone();
        Objects.requireNonNull(extensions, "extensions");
        for (String extension : extensions) {
            requireLine(extension, "extension line");
        }
        extensions = List.copyOf(extensions);
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long treeSize, byte[] rootHash) {
        this(origin, treeSize, rootHash, List.of());
    }

    /**
     * Parses a checkpoint note text strictly, as the text of a signed note (so only after its signature has
     * been verified should the result be trusted).
     *
     * @throws IllegalArgumentException if the text is not exactly a well-formed checkpoint body
     */
    public static Checkpoint parse(String noteText) {
        Objects.requireNonNull(noteText, "noteText");
        if (!noteText.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint must end with a newline");
        }
        List<String> lines = Arrays.asList(noteText.substring(0, noteText.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new IllegalArgumentException("a checkpoint needs origin, tree size and root hash lines");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IllegalArgumentException("checkpoint line " + (i + 1) + " is empty");
            }
        }
        String size = lines.get(1);
        if (!TREE_SIZE.matcher(size).matches()) {
            throw new IllegalArgumentException("tree size must be decimal digits without leading zeros: " + size);
        }
        long treeSize;
        try {
            treeSize = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tree size is too large: " + size, e);
        }
        byte[] rootHash = SignedNote.decodeBase64Strictly(lines.get(2), "root hash");
        return new Checkpoint(lines.get(0), treeSize, rootHash, new ArrayList<>(lines.subList(3, lines.size())));
    }

    /** The note text to sign: origin, tree size, root hash and extension lines, each ending in a newline. */
    public String toNoteText() {
        StringBuilder text = new StringBuilder()
                .append(origin).append('\n')
                .append(treeSize).append('\n')
                .append(rootHashBase64()).append('\n');
        for (String extension : extensions) {
            text.append(extension).append('\n');
        }
        return text.toString();
    }

    /** A copy of the root hash. */
    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The root hash as it appears on the third line. */
    public String rootHashBase64() {
        return Base64.getEncoder().encodeToString(rootHash);
    }

    private static void requireLine(String line, String what) {
        Objects.requireNonNull(line, what);
        if (line.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20) {
                throw new IllegalArgumentException(what + " must not contain newlines or control characters");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return "Checkpoint[origin=" + origin + ", treeSize=" + treeSize + ", rootHash=" + rootHashBase64()
                + ", extensions=" + extensions + "]";
    }
}
