package io.incidentledger.ledger.offline;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.ProofVerifier;

/**
 * Verifies an incident audit bundle offline (docs/ledger-format.md, "Offline verifier"): no Spring, no database, no
 * network. It checks the checkpoint's signature, every event's entry hash from its stored columns, the hash chain
 * from genesis, every inclusion proof (and its c2sp.org/tlog-proof form) against the checkpoint's root, and
 * optionally that the checkpoint is consistent with an earlier one the auditor already holds. {@link BundleReader}
 * reads the bundle and reports a malformed one. Only with {@code --chain-rpc}, which the auditor gives on purpose,
 * does it ask an EVM node about the bundle's anchors ({@link AnchorChecks}, docs/ledger-anchoring.md).
 *
 * <pre>
 * OfflineVerifier &lt;bundle.json&gt; [--public-key &lt;verifier key | @file&gt;]... [--keys &lt;keys file&gt;]
 *                 [--previous-checkpoint &lt;signed note file&gt; [--consistency-proof &lt;file&gt;]]
 *                 [--chain-rpc &lt;url&gt; [--confirmations &lt;n&gt;]]
 * </pre>
 *
 * Exit status: 0 the bundle verifies; 1 it does not (the first failure and its place are printed); 2 usage error,
 * unreadable input, or not an audit bundle.
 */
public final class OfflineVerifier {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNUSABLE = 2;

    static final String TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";

    private static final String USAGE = """
            usage: OfflineVerifier <bundle.json> [--public-key <verifier key | @file>]... [--keys <keys file>]
                                   [--previous-checkpoint <signed checkpoint note file> [--consistency-proof <file>]]
                                   [--witness <cosigner verifier key | @file>]... [--quorum <n>]
                                   [--chain-rpc <url> [--confirmations <n>]]
              --public-key           the log's verifier key <name>+<key id>+<base64>, obtained independently of the
                                     bundle (without it the key inside the bundle is used, which proves nothing
                                     about who signed); give it once per key of a log whose key was rotated
              --keys                 a file of the log's keys, one per line, each with the tree sizes it signs:
                                     <verifier key> <first>-<last> (retired) or <verifier key> <first>- (current);
                                     a checkpoint signed by a key outside its range is invalid
              --previous-checkpoint  a signed checkpoint of the same log saved earlier: the bundle's checkpoint must
                                     be consistent with it (same key, append-only history)
              --consistency-proof    the consistency proof between the two checkpoints: the JSON of
                                     GET /api/ledger/proofs/consistency or one hex hash per line; if absent, the
                                     bundle's own consistencyProof (export with ?consistencyFrom=<size>) is used
              --witness              a witness's cosigner verifier key <name>+<key id>+<base64(0x04 || key)>, or
                                     @file with one key per line; may be given several times
              --quorum               how many of those witnesses must have cosigned the checkpoint (default: all)
              --chain-rpc            an EVM node's JSON-RPC URL: check the bundle's anchors on that chain (without
                                     it they are reported as not checked)
              --confirmations        the confirmations each anchor's block must have (default 1)
            exit status: 0 valid, 1 invalid (first failure printed), 2 usage error or unreadable input""";

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HASH_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            if (options == null) {
                out.println(USAGE);
                return VALID;
            }
            String summary = verify(options, err);
            out.println(summary);
            return VALID;
        } catch (UnusableInput unusable) {
            err.println("ERROR: " + unusable.getMessage());
            if (unusable.showUsage()) {
                err.println(USAGE);
            }
            return UNUSABLE;
        } catch (InvalidBundle invalid) {
            err.println("INVALID: " + invalid.getMessage());
            return INVALID;
        }
    }

    private static String verify(Options options, PrintStream err) {
        AuditBundle bundle = BundleReader.bundle(options.bundle);
        Key key = key(options, bundle, err);
        Checkpoint checkpoint = checkpoint(bundle, key.verifier());
        key.keys().checkRange(key.verifier(), checkpoint, "checkpoint");
        String witnessed = options.witnesses.required() ? options.witnesses.check(bundle.checkpoint().note()) : "";
        checkEvents(bundle, checkpoint);
        String consistent = options.previousCheckpoint == null ? ""
                : checkPrevious(options, bundle, key.keys(), checkpoint);
        String anchored = AnchorChecks.check(bundle, checkpoint,
                bundle.events().stream().mapToLong(AuditBundle.Event::leafIndex).max().orElse(0), options.chainRpc,
                options.confirmations);
        int events = bundle.events().size();
        int pending = bundle.eventsNotYetInCheckpoint();
        return "VALID: incident " + bundle.incidentId() + ": " + events + " events (sequence 0 to " + (events - 1)
                + ") hash-chained from genesis and included in checkpoint " + bundle.origin() + " tree size "
                + checkpoint.treeSize() + " root " + HEX.formatHex(checkpoint.rootHash()) + ", signed by "
                + keyName(key.verifier())
                + (key.trusted() ? " (trusted key)" : " (key from the bundle, NOT independently trusted)") + witnessed
                + consistent
                + (pending > 0 ? "; the bundle says " + pending + " later events were not yet in a checkpoint (not "
                + "verified)" : "") + anchored;
    }

    /**
     * The key the bundle's checkpoint is checked with, the keys trusted for its log, and whether they came from the
     * auditor rather than the bundle.
     */
    private record Key(NoteVerifier verifier, TrustedKeys keys, boolean trusted) {
    }

    /**
     * The trusted key the bundle's copy names (it must be one of them), or else the bundle's own copy, with a warning.
     */
    private static Key key(Options options, AuditBundle bundle, PrintStream err) {
        String bundleKey = bundle.verifierKey();
        TrustedKeys trustedKeys = TrustedKeys.parse(options.publicKeys, options.keysFile);
        if (!trustedKeys.isEmpty()) {
            NoteVerifier verifier;
            if (bundleKey != null) {
                verifier = trustedKeys.find(normalizedKey(bundleKey, "bundle: field 'verifierKey'"))
                        .orElseThrow(() -> new InvalidBundle("bundle: its verifier key " + bundleKey
                                + " is not the trusted key " + trustedKeys.describe())).verifier();
            } else {
                verifier = trustedKeys.forNote(bundle.checkpoint().note()).verifier();
            }
            return new Key(verifier, trustedKeys, true);
        }
        if (bundleKey == null) {
            throw new UnusableInput("the bundle carries no verifier key: give the log's key with --public-key");
        }
        NoteVerifier verifier;
        try {
            verifier = new NoteVerifier(bundleKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidBundle("bundle: field 'verifierKey' is not a valid verifier key: " + e.getMessage());
        }
        err.println("WARNING: the checkpoint signature was checked with the key inside the bundle, which was not "
                + "independently trusted; pass --public-key with the log's published key");
        return new Key(verifier, TrustedKeys.of(verifier), false);
    }

    /** The bundle's checkpoint: signed by the key, of the bundle's origin, and what its convenience copies say. */
    private static Checkpoint checkpoint(AuditBundle bundle, NoteVerifier verifier) {
        AuditBundle.SignedCheckpoint signed = bundle.checkpoint();
        Checkpoint checkpoint = verifiedCheckpoint(signed.note(), verifier, "checkpoint");
        if (!checkpoint.origin().equals(bundle.origin())) {
            throw new InvalidBundle("checkpoint: its origin '" + checkpoint.origin() + "' is not the bundle's origin '"
                    + bundle.origin() + "'");
        }
        if (signed.treeSize() != checkpoint.treeSize() || !MessageDigest.isEqual(
                BundleReader.hash(signed.rootHash(), "rootHash", "checkpoint"), checkpoint.rootHash())) {
            throw new InvalidBundle("checkpoint: treeSize or rootHash differ from the signed note text");
        }
        return checkpoint;
    }

    /** Every event, from sequence 0: chained to the one before, hashed to its entry hash, in the checkpoint. */
    private static void checkEvents(AuditBundle bundle, Checkpoint checkpoint) {
        List<AuditBundle.Event> events = bundle.events();
        if (events.isEmpty()) {
            throw new InvalidBundle("bundle: it holds no events");
        }
        byte[] previous = EventHash.GENESIS;
        Set<Long> leaves = new HashSet<>();
        for (int position = 0; position < events.size(); position++) {
            AuditBundle.Event event = events.get(position);
            String where = BundleReader.eventPlace(event.sequenceNumber(), position, event.leafIndex());
            byte[] entryHash = checkLink(event, position, bundle.incidentId(), previous, where);
            if (event.leafIndex() < 0 || event.leafIndex() >= checkpoint.treeSize()) {
                throw new InvalidBundle(where + ": leaf index " + event.leafIndex() + " is outside the checkpoint's "
                        + "tree of " + checkpoint.treeSize() + " leaves");
            }
            if (!leaves.add(event.leafIndex())) {
                throw new InvalidBundle(where + ": leaf index " + event.leafIndex() + " is claimed by an earlier "
                        + "event");
            }
            checkInclusion(event, entryHash, checkpoint, bundle.checkpoint().note(), where);
            previous = entryHash;
        }
    }

    /**
     * The event at {@code position} is the incident's event of that sequence, chained to {@code previous} and hashed
     * from its columns to its entry hash, which this returns.
     */
    private static byte[] checkLink(AuditBundle.Event event, int position, String incidentId, byte[] previous,
                                    String where) {
        byte[] payload = BundleReader.base64(event.payload(), "payload", where);
        byte[] metaData = BundleReader.base64(event.metaData(), "metaData", where);
        byte[] previousHash = BundleReader.hash(event.previousHash(), "previousHash", where);
        byte[] entryHash = BundleReader.hash(event.entryHash(), "entryHash", where);
        if (!event.aggregateIdentifier().equals(incidentId)) {
            throw new InvalidBundle(where + ": it belongs to aggregate " + event.aggregateIdentifier()
                    + ", not incident " + incidentId);
        }
        if (event.sequenceNumber() != position) {
            throw new InvalidBundle(where + ": expected sequence " + position
                    + (position == 0 ? ": the bundle does not start at the incident's first event"
                    : ": events are missing, duplicated or out of order"));
        }
        if (!MessageDigest.isEqual(previousHash, previous)) {
            throw new InvalidBundle(where + ": its previousHash " + HEX.formatHex(previousHash) + " is not "
                    + (position == 0 ? "GENESIS (32 zero bytes)" : "the entryHash of sequence " + (position - 1))
                    + ": the chain is broken");
        }
        byte[] recomputed = EventHash.of(event.eventIdentifier(), event.aggregateIdentifier(), event.aggregateType(),
                event.sequenceNumber(), event.timeStamp(), event.payloadType(), event.payloadRevision(), payload,
                metaData, previousHash);
        if (!MessageDigest.isEqual(recomputed, entryHash)) {
            throw new InvalidBundle(where + ": its stored columns hash to " + HEX.formatHex(recomputed)
                    + ", not to its entryHash " + HEX.formatHex(entryHash) + ": the event was altered");
        }
        return entryHash;
    }

    /** The event's inclusion proof, and its tlog-proof text when present, lead to the checkpoint's root. */
    private static void checkInclusion(AuditBundle.Event event, byte[] entryHash, Checkpoint checkpoint, String note,
                                       String where) {
        AuditBundle.Inclusion inclusion = event.inclusionProof();
        if (inclusion.leafIndex() != event.leafIndex() || inclusion.treeSize() != checkpoint.treeSize()) {
            throw new InvalidBundle(where + ": its inclusion proof is not for leaf " + event.leafIndex()
                    + " in the tree of " + checkpoint.treeSize());
        }
        List<byte[]> path = BundleReader.hashes(inclusion.path(), "path", where + ", inclusionProof");
        if (!ProofVerifier.verifyInclusion(MerkleHashes.leafHash(entryHash), event.leafIndex(), checkpoint.treeSize(),
                path, checkpoint.rootHash())) {
            throw new InvalidBundle(where + ": its inclusion proof does not lead from its entry hash at leaf "
                    + event.leafIndex() + " to the checkpoint root of tree size " + checkpoint.treeSize());
        }
        if (event.tlogProof() != null) {
            checkTlogProof(event.tlogProof(), event.leafIndex(), path, note, where);
        }
    }

    /** Checks the previous checkpoint and the consistency of the bundle's checkpoint with it. */
    private static String checkPrevious(Options options, AuditBundle bundle, TrustedKeys keys, Checkpoint current) {
        String note = BundleReader.text(options.previousCheckpoint, "previous checkpoint");
        NoteVerifier verifier = keys.forNote(note).verifier();
        Checkpoint previous = verifiedCheckpoint(note, verifier, "previous checkpoint");
        keys.checkRange(verifier, previous, "previous checkpoint");
        if (!previous.origin().equals(current.origin())) {
            throw new InvalidBundle("previous checkpoint: its origin '" + previous.origin() + "' is not the bundle's '"
                    + current.origin() + "'");
        }
        if (previous.treeSize() == current.treeSize()) {
            if (!MessageDigest.isEqual(previous.rootHash(), current.rootHash())) {
                throw new InvalidBundle("previous checkpoint: same tree size " + current.treeSize()
                        + " but a different root: the log has forked");
            }
            return "; same checkpoint as the previous one";
        }
        Checkpoint older = previous.treeSize() < current.treeSize() ? previous : current;
        Checkpoint newer = older == previous ? current : previous;
        if (older.treeSize() == 0) {
            return "; the previous checkpoint is of the empty tree, which every tree extends";
        }
        List<byte[]> proof;
        String source;
        if (options.consistencyProof != null) {
            proof = consistencyProofFile(options.consistencyProof, older, newer);
            source = options.consistencyProof.toString();
        } else {
            proof = embeddedConsistencyProof(bundle.consistencyProof(), older, newer);
            source = "the bundle";
        }
        if (!ProofVerifier.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(),
                proof)) {
            throw new InvalidBundle("previous checkpoint: the consistency proof from " + source + " does not show "
                    + "that tree size " + newer.treeSize() + " extends tree size " + older.treeSize()
                    + ": the checkpoints describe different histories (a fork) or the proof is wrong");
        }
        return "; consistent with the previous checkpoint of tree size " + previous.treeSize();
    }

    private static List<byte[]> embeddedConsistencyProof(AuditBundle.Consistency embedded, Checkpoint older,
                                                         Checkpoint newer) {
        if (embedded == null) {
            throw new UnusableInput("no consistency proof from tree size " + older.treeSize() + " to "
                    + newer.treeSize() + ": give --consistency-proof, or export the bundle with ?consistencyFrom="
                    + older.treeSize());
        }
        if (embedded.fromSize() != older.treeSize() || embedded.toSize() != newer.treeSize()) {
            throw new UnusableInput("the bundle's consistency proof is from tree size " + embedded.fromSize() + " to "
                    + embedded.toSize() + ", but the checkpoints have sizes " + older.treeSize() + " and "
                    + newer.treeSize() + ": give --consistency-proof, or export the bundle with ?consistencyFrom="
                    + older.treeSize());
        }
        return BundleReader.hashes(embedded.path(), "path", "consistencyProof");
    }

    /** The proof in the file: the JSON of GET /api/ledger/proofs/consistency, or one hex hash per line. */
    private static List<byte[]> consistencyProofFile(Path file, Checkpoint older, Checkpoint newer) {
        String content = BundleReader.text(file, "consistency proof");
        String where = "consistency proof " + file;
        if (content.strip().startsWith("{")) {
            AuditBundle.Consistency proof = BundleReader.consistencyProof(content, where);
            if (proof.fromSize() != older.treeSize() || proof.toSize() != newer.treeSize()) {
                throw new UnusableInput(where + " is from tree size " + proof.fromSize() + " to " + proof.toSize()
                        + ", but the checkpoints have sizes " + older.treeSize() + " and " + newer.treeSize());
            }
            checkSignedRoot("fromRoot", proof.fromRoot(), older);
            checkSignedRoot("toRoot", proof.toRoot(), newer);
            return BundleReader.hashes(proof.path(), "path", where);
        }
        List<byte[]> path = new ArrayList<>();
        int line = 0;
        for (String hex : content.split("\n")) {
            line++;
            String trimmed = hex.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!HASH_HEX.matcher(trimmed).matches()) {
                throw new UnusableInput(where + ", line " + line + ": not a 64-digit hex hash");
            }
            path.add(HEX.parseHex(trimmed));
        }
        return path;
    }

    /** A root the proof file gives, if it gives one, must be the signed root of that tree size. */
    private static void checkSignedRoot(String field, String given, Checkpoint signed) {
        String root = HEX.formatHex(signed.rootHash());
        if (given != null && !given.equalsIgnoreCase(root)) {
            throw new InvalidBundle("previous checkpoint: the consistency proof's " + field + " " + given
                    + " is not the signed root " + root + " of that tree size: the log has forked");
        }
    }

    /** Checks the c2sp.org/tlog-proof@v1 text says exactly what the JSON proof and checkpoint say. */
    private static void checkTlogProof(String proof, long leafIndex, List<byte[]> path, String note, String where) {
        String prefix = where + ": its tlogProof ";
        int blank = proof.indexOf("\n\n");
        if (blank < 0) {
            throw new InvalidBundle(prefix + "has no empty line before the checkpoint");
        }
        if (!proof.substring(blank + 2).equals(note)) {
            throw new InvalidBundle(prefix + "does not carry the bundle's signed checkpoint verbatim");
        }
        String[] lines = proof.substring(0, blank).split("\n", -1);
        int next = 0;
        if (!TLOG_PROOF_HEADER.equals(lines[next++])) {
            throw new InvalidBundle(prefix + "does not start with " + TLOG_PROOF_HEADER);
        }
        if (next < lines.length && lines[next].startsWith("extra ")) {
            next++;
        }
        if (next >= lines.length || !lines[next].startsWith("index ")
                || !DECIMAL.matcher(lines[next].substring(6)).matches()
                || Long.parseLong(lines[next].substring(6)) != leafIndex) {
            throw new InvalidBundle(prefix + "does not name index " + leafIndex);
        }
        next++;
        if (lines.length - next != path.size()) {
            throw new InvalidBundle(prefix + "has " + (lines.length - next) + " hashes, the inclusion proof "
                    + path.size());
        }
        for (int i = 0; i < path.size(); i++) {
            byte[] hash;
            try {
                hash = BundleReader.strictBase64(lines[next + i]);
            } catch (IllegalArgumentException e) {
                throw new InvalidBundle(prefix + "hash " + i + " is not canonical base64");
            }
            if (!MessageDigest.isEqual(hash, path.get(i))) {
                throw new InvalidBundle(prefix + "hash " + i + " differs from the inclusion proof");
            }
        }
    }

    private static Checkpoint verifiedCheckpoint(String note, NoteVerifier verifier, String what) {
        String text;
        try {
            text = verifier.verify(note);
        } catch (NoteVerifier.NoteVerificationException e) {
            throw new InvalidBundle(what + ": the signed note does not verify with key " + keyName(verifier)
                    + ": " + e.getMessage());
        }
        try {
            return Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidBundle(what + ": the signed text is not a checkpoint: " + e.getMessage());
        }
    }

    private static String normalizedKey(String key, String where) {
        try {
            return new NoteVerifier(key).verifierKey();
        } catch (IllegalArgumentException e) {
            throw new InvalidBundle(where + " is not a valid verifier key: " + e.getMessage());
        }
    }

    private static String keyName(NoteVerifier verifier) {
        return verifier.keyName() + "+" + String.format("%08x", verifier.keyId());
    }

    private record Options(Path bundle, List<String> publicKeys, Path keysFile, Path previousCheckpoint,
                           Path consistencyProof, WitnessQuorum witnesses, URI chainRpc, int confirmations) {

        /** The options, or null when help was asked for. */
        static Options parse(String[] args) {
            Path bundle = null;
            List<String> publicKeys = new ArrayList<>();
            Path keysFile = null;
            Path previous = null;
            Path consistency = null;
            List<String> witnesses = new ArrayList<>();
            Integer quorum = null;
            URI chainRpc = null;
            int confirmations = 1;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--witness" -> witnesses.add(value(args, ++i, arg));
                    case "--quorum" -> quorum = quorum(value(args, ++i, arg));
                    case "--public-key", "--keys", "--previous-checkpoint", "--consistency-proof" -> {
                        if (i + 1 >= args.length) {
                            throw new UnusableInput(arg + " needs a value", true);
                        }
                        String value = args[++i];
                        if (arg.equals("--public-key")) {
                            publicKeys.add(value);
                        } else if (arg.equals("--keys")) {
                            if (keysFile != null) {
                                throw new UnusableInput("--keys is given twice", true);
                            }
                            keysFile = Path.of(value);
                        } else if (arg.equals("--previous-checkpoint")) {
                            previous = Path.of(value);
                        } else {
                            consistency = Path.of(value);
                        }
                    }
                    case "--chain-rpc", "--confirmations" -> {
                        if (i + 1 >= args.length) {
                            throw new UnusableInput(arg + " needs a value", true);
                        }
                        String value = args[++i];
                        if (arg.equals("--chain-rpc")) {
                            chainRpc = chainRpc(value);
                        } else if (!value.matches("[1-9][0-9]{0,5}")) {
                            throw new UnusableInput("--confirmations must be a whole number from 1, not " + value,
                                    true);
                        } else {
                            confirmations = Integer.parseInt(value);
                        }
                    }
                    default -> {
                        if (arg.startsWith("--") || bundle != null) {
                            throw new UnusableInput("unexpected argument " + arg, true);
                        }
                        bundle = Path.of(arg);
                    }
                }
            }
            if (bundle == null) {
                throw new UnusableInput("no bundle file given", true);
            }
            if (consistency != null && previous == null) {
                throw new UnusableInput("--consistency-proof needs --previous-checkpoint", true);
            }
            return new Options(bundle, List.copyOf(publicKeys), keysFile, previous, consistency,
                    WitnessQuorum.of(witnesses, quorum), chainRpc, confirmations);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new UnusableInput(option + " needs a value", true);
            }
            return args[index];
        }

        private static Integer quorum(String value) {
            if (!DECIMAL.matcher(value).matches()) {
                throw new UnusableInput("--quorum must be a whole number, not " + value, true);
            }
            return Integer.valueOf(value.length() > 9 ? String.valueOf(Integer.MAX_VALUE) : value);
        }

        private static URI chainRpc(String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new UnusableInput("--chain-rpc must be an http(s) URL, not " + value, true);
        }
    }
}
