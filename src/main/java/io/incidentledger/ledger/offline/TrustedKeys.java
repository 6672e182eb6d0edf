package io.incidentledger.ledger.offline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.SignedNote;

/**
 * The keys an auditor trusts for one log (docs/ledger-keys.md): each given with {@code --public-key}, trusted for
 * every tree size, or listed in a keys file with the tree sizes it signs, so that a checkpoint signed by a retired
 * key after its rotation is refused. A keys file holds one key per line, optionally followed by its range:
 *
 * <pre>
 * # comments and blank lines are ignored
 * &lt;verifier key&gt; 0-812
 * &lt;verifier key&gt; 813-
 * </pre>
 */
final class TrustedKeys {

    private static final Pattern LINE = Pattern.compile("(\\S+)(?:\\s+(0|[1-9][0-9]{0,18})-(0|[1-9][0-9]{0,18})?)?");

    /** One trusted key, for tree sizes {@code first} to {@code last} (null: no end). */
    record Trusted(NoteVerifier verifier, long first, Long last) {

        boolean covers(long treeSize) {
            return treeSize >= first && (last == null || treeSize <= last);
        }

        String name() {
            return verifier.keyName() + "+" + String.format("%08x", verifier.keyId());
        }

        String range() {
            return first + (last == null ? " on" : " to " + last);
        }
    }

    private final List<Trusted> keys;

    private TrustedKeys(List<Trusted> keys) {
        this.keys = List.copyOf(keys);
    }

    /** One key for every tree size. */
    static TrustedKeys of(NoteVerifier verifier) {
        return new TrustedKeys(List.of(new Trusted(verifier, 0, null)));
    }

    /**
     * The keys given with {@code --public-key} (each a verifier key or {@code @file}) and in the keys file, if any.
     *
     * @throws UnusableInput if a key or a line is malformed
     */
    static TrustedKeys parse(List<String> publicKeys, Path keysFile) {
        List<Trusted> keys = new ArrayList<>();
        for (String option : publicKeys) {
            String key = option.startsWith("@")
                    ? BundleReader.text(Path.of(option.substring(1)), "public key file").strip() : option;
            keys.add(new Trusted(verifier(key.strip(), "--public-key"), 0, null));
        }
        if (keysFile != null) {
            int number = 0;
            for (String line : BundleReader.text(keysFile, "keys file").split("\n")) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String where = "keys file " + keysFile + ", line " + number;
                Matcher matcher = LINE.matcher(trimmed);
                if (!matcher.matches()) {
                    throw new UnusableInput(where + ": not '<verifier key> [<first tree size>-[<last tree size>]]'");
                }
                long first = matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2));
                Long last = matcher.group(3) == null ? null : Long.valueOf(matcher.group(3));
                if (last != null && last < first) {
                    throw new UnusableInput(where + ": the range ends before it starts");
                }
                keys.add(new Trusted(verifier(matcher.group(1), where), first, last));
            }
        }
        return new TrustedKeys(keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The keys, in the order given. */
    List<Trusted> all() {
        return keys;
    }

    /** The trusted key equal to this verifier key, if there is one. */
    Optional<Trusted> find(String verifierKey) {
        return keys.stream().filter(key -> key.verifier().verifierKey().equals(verifierKey)).findFirst();
    }

    /**
     * The trusted key a signature line of the note names, one whose range covers the note's tree size first; when no
     * line names one, the first trusted key, which then fails to verify the note with a clear message.
     */
    Trusted forNote(String note) {
        List<Trusted> named = new ArrayList<>();
        try {
            for (SignedNote.Signature signature : SignedNote.parse(note).signatures()) {
                keys.stream().filter(key -> key.verifier().keyName().equals(signature.keyName())
                        && key.verifier().keyId() == signature.keyId()).forEach(named::add);
            }
            long size = Checkpoint.parse(SignedNote.parse(note).text()).treeSize();
            Optional<Trusted> covering = named.stream().filter(key -> key.covers(size)).findFirst();
            if (covering.isPresent()) {
                return covering.get();
            }
        } catch (IllegalArgumentException malformed) {
            // reported by the verification that follows
        }
        return named.isEmpty() ? keys.get(0) : named.get(0);
    }

    /**
     * The key that verified a checkpoint must be trusted for its tree size.
     *
     * @throws InvalidBundle if it is not: a retired key signed a checkpoint after its rotation
     */
    void checkRange(NoteVerifier signer, Checkpoint checkpoint, String what) {
        Trusted trusted = find(signer.verifierKey()).orElseThrow();
        if (!trusted.covers(checkpoint.treeSize())) {
            throw new InvalidBundle(what + ": tree size " + checkpoint.treeSize() + " is signed by key "
                    + trusted.name() + ", which is trusted for tree sizes " + trusted.range() + " only"
                    + (trusted.last() != null && checkpoint.treeSize() > trusted.last()
                    ? ": a retired key signed a checkpoint after its rotation" : ""));
        }
    }

    /** The trusted keys, by name and key ID. */
    String describe() {
        return keys.stream().map(Trusted::name).collect(Collectors.joining(" or "));
    }

    private static NoteVerifier verifier(String key, String where) {
        try {
            return new NoteVerifier(key);
        } catch (IllegalArgumentException e) {
            throw new UnusableInput(where + " is not a valid verifier key: " + e.getMessage());
        }
    }
}
