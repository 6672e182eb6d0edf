package io.incidentledger.ledger.log;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, and one or more
 * signature lines {@code — <key name> <base64(key ID || signature)>}.
 *
 * <p>A parsed note says nothing about authenticity: its text must be ignored until a {@link NoteVerifier}
 * for a trusted key has accepted it. Parsing only checks the syntax, and keeps signatures of every key,
 * known or not, so that they survive a re-format.
 *
 * <p>Written here over BouncyCastle's Ed25519: the reference implementation is Go's
 * {@code golang.org/x/mod/sumdb/note}, and the format is small enough to own, pinned by known-answer tests.
 *
 * @param text the signed text, including its final newline but not the separating blank line
 * @param signatures the signatures in the order they appear, at least one
 */
public record SignedNote(String text, List<Signature> signatures) {

    /** The most signatures a note may carry; the spec requires accepting at least 16. */
    public static final int MAX_SIGNATURES = 100;

    private static final String SIGNATURE_PREFIX = "\u2014 ";

    /**
     * Checks the note's syntax.
     *
     * @throws IllegalArgumentException if the text is not a valid note text or there is no signature
     */
    public SignedNote {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signatures, "signatures");
        requireValidText(text);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note needs at least one signature");
        }
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a signed note may carry at most " + MAX_SIGNATURES + " signatures");
        }
        signatures = List.copyOf(signatures);
    }

    /**
     * Parses a signed note from its UTF-8 bytes, rejecting invalid UTF-8.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed signed note
     */
    public static SignedNote parse(byte[] utf8) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
            return parse(chars.toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a signed note must be valid UTF-8", e);
        }
    }

    /**
     * Parses a signed note strictly: the text is everything up to and including the newline before the
     * last blank line, and everything after it must be signature lines, each ending in a newline. Signatures
     * of unknown keys and algorithms are kept, not rejected.
     *
     * @throws IllegalArgumentException if the string is not a well-formed signed note
     */
    public static SignedNote parse(String note) {
        Objects.requireNonNull(note, "note");
        requireNoControlCharacters(note);
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note needs a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new IllegalArgumentException("the signature block must be non-empty and end with a newline");
        }
        List<Signature> signatures = new ArrayList<>();
        int start = 0;
        while (start < block.length()) {
            int end = block.indexOf('\n', start);
            if (signatures.size() == MAX_SIGNATURES) {
                throw new IllegalArgumentException("a signed note may carry at most " + MAX_SIGNATURES
                        + " signatures");
            }
            signatures.add(parseSignatureLine(block.substring(start, end)));
            start = end + 1;
        }
        return new SignedNote(text, signatures);
    }

    /** The note in its wire form: the text, a blank line, then one line per signature. */
    public String format() {
        StringBuilder note = new StringBuilder(text).append('\n');
        for (Signature signature : signatures) {
            note.append(signature.toLine()).append('\n');
        }
        return note.toString();
    }

    /**
     * Whether a key name is allowed: non-empty, without Unicode spaces and without '+'.
     * Control characters and lone surrogates are refused as well, since no note may contain them.
     */
    public static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || isUnicodeSpace(c)
                || Character.getType(c) == Character.SURROGATE);
    }

    private static boolean isUnicodeSpace(int c) {
        // The union matches Go's unicode.IsSpace, which the reference implementation uses: Java's
        // isWhitespace misses no-break spaces and isSpaceChar misses tab and friends.
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    private static Signature parseSignatureLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("a signature line must start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("a signature line needs a key name, a space and a signature");
        }
        String name = rest.substring(0, space);
        if (!isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid key name in signature line: " + name);
        }
        byte[] decoded = decodeBase64Strictly(rest.substring(space + 1), "signature");
        if (decoded.length < 5) {
            throw new IllegalArgumentException("a signature must hold a 4-byte key ID and at least one byte");
        }
        int keyId = ByteBuffer.wrap(decoded, 0, 4).getInt();
        return new Signature(name, keyId, Arrays.copyOfRange(decoded, 4, decoded.length));
    }

    /**
     * Checks a note text: non-empty, ending in a newline, valid UTF-8 without control characters other than
     * newline.
     *
     * @throws IllegalArgumentException if it is not
     */
    static void requireValidText(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a note text must be non-empty and end with a newline");
        }
        requireNoControlCharacters(text);
    }

    private static void requireNoControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("a signed note must not contain control characters other "
                        + "than newline (found U+" + String.format("%04X", (int) c) + " at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 encoding, so the signed bytes would not be what was read.
                throw new IllegalArgumentException("a signed note must be valid UTF-8 (lone surrogate at index "
                        + i + ")");
            }
        }
    }

    /**
     * Decodes standard padded base64 and refuses any other spelling of the same bytes, so that a note has
     * exactly one accepted form.
     */
    static byte[] decodeBase64Strictly(String base64, String what) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64", e);
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
            throw new IllegalArgumentException(what + " is not canonical padded base64");
        }
        return decoded;
    }

    /**
     * One signature line of a note.
     *
     * @param keyName the name of the key that claims to have signed
     * @param keyId the 32-bit key ID, which together with the name identifies the key and algorithm
     * @param signature the signature bytes after the key ID; 64 bytes for Ed25519
     */
    public record Signature(String keyName, int keyId, byte[] signature) {

        /**
         * Checks the name and copies the bytes.
         *
         * @throws IllegalArgumentException if the key name is invalid or the signature is empty
         */
        public Signature {
            if (!isValidKeyName(keyName)) {
                throw new IllegalArgumentException("invalid key name: " + keyName);
            }
            if (signature == null || signature.length == 0) {
                throw new IllegalArgumentException("a signature needs at least one byte");
            }
            signature = signature.clone();
        }

        /** A copy of the signature bytes (without the key ID). */
        @Override
        public byte[] signature() {
            return signature.clone();
        }

        /** The key ID as 8 lower-case hex digits, as in verifier keys. */
        public String keyIdHex() {
            return String.format("%08x", keyId);
        }

        /** The signature line {@code — <key name> <base64(key ID || signature)>} without its final newline. */
        public String toLine() {
            byte[] idAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(idAndSignature);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature that && keyName.equals(that.keyName) && keyId == that.keyId
                    && Arrays.equals(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "Signature[" + keyName + "+" + keyIdHex() + "]";
        }
    }
}
