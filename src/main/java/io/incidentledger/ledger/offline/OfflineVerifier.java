package io.incidentledger.ledger.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.ProofVerifier;

/**
 * Verifies an incident audit bundle offline (docs/ledger-format.md, "Offline verifier"): no Spring, no database, no
 * network. It checks the checkpoint's signature, every event's entry hash from its stored columns, the hash chain
 * from genesis, every inclusion proof (and its c2sp.org/tlog-proof form) against the checkpoint's root, and
 * optionally that the checkpoint is consistent with an earlier one the auditor already holds.
 *
 * <pre>
 * OfflineVerifier &lt;bundle.json&gt; [--public-key &lt;verifier key | @file&gt;]
 *                 [--previous-checkpoint &lt;signed note file&gt; [--consistency-proof &lt;file&gt;]]
 * </pre>
 *
 * Exit status: 0 the bundle verifies; 1 it does not (the first failure and its place are printed); 2 usage error,
 * unreadable input, or not an audit bundle.
 */
public final class OfflineVerifier {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNUSABLE = 2;

    static final String FORMAT = "incident-ledger-audit-bundle/v1";
    static final String TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";

    private static final String USAGE = """
            usage: OfflineVerifier <bundle.json> [--public-key <verifier key | @file>]
                                   [--previous-checkpoint <signed checkpoint note file> [--consistency-proof <file>]]
              --public-key           the log's verifier key <name>+<key id>+<base64>, obtained independently of the
                                     bundle (without it the key inside the bundle is used, which proves nothing
                                     about who signed)
              --previous-checkpoint  a signed checkpoint of the same log saved earlier: the bundle's checkpoint must
                                     be consistent with it (same key, append-only history)
              --consistency-proof    the consistency proof between the two checkpoints: the JSON of
                                     GET /api/ledger/proofs/consistency or one hex hash per line; if absent, the
                                     bundle's own consistencyProof (export with ?consistencyFrom=<size>) is used
            exit status: 0 valid, 1 invalid (first failure printed), 2 usage error or unreadable input""";

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HASH_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        } catch (Unusable unusable) {
            err.println("ERROR: " + unusable.getMessage());
            if (unusable.showUsage) {
                err.println(USAGE);
            }
            return UNUSABLE;
        } catch (Invalid invalid) {
            err.println("INVALID: " + invalid.getMessage());
            return INVALID;
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static String verify(Options options, PrintStream err) {
        JsonNode bundle = readJson(options.bundle, "bundle");
        if (!bundle.isObject()) {
            throw new Unusable("the bundle " + options.bundle + " is not a JSON object");
        }
        JsonNode format = bundle.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
            throw new Unusable("the file " + options.bundle + " is not an audit bundle of format " + FORMAT
                    + " (format: " + (format == null ? "missing" : format.toString()) + ")");
        }
        String incidentId = text(bundle, "incidentId", "bundle", false);
        String origin = text(bundle, "origin", "bundle", false);
        String bundleKey = text(bundle, "verifierKey", "bundle", true);

        // The key: the trusted one, which the bundle's copy must equal, or else the bundle's own copy.
        NoteVerifier verifier;
        boolean trusted = options.publicKey != null;
        if (trusted) {
            verifier = verifierKey(options.publicKey);
            if (bundleKey != null && !normalizedKey(bundleKey, "bundle: field 'verifierKey'")
                    .equals(verifier.verifierKey())) {
                throw new Invalid("bundle: its verifier key " + bundleKey + " is not the trusted key "
                        + verifier.verifierKey());
            }
        } else {
            if (bundleKey == null) {
                throw new Unusable("the bundle carries no verifier key: give the log's key with --public-key");
            }
            try {
                verifier = new NoteVerifier(bundleKey);
            } catch (IllegalArgumentException e) {
                throw new Invalid("bundle: field 'verifierKey' is not a valid verifier key: " + e.getMessage());
            }
            err.println("WARNING: the checkpoint signature was checked with the key inside the bundle, which was not "
                    + "independently trusted; pass --public-key with the log's published key");
        }

        // The checkpoint.
        JsonNode checkpointNode = object(bundle, "checkpoint", "bundle");
        String note = text(checkpointNode, "note", "checkpoint", false);
        Checkpoint checkpoint = verifiedCheckpoint(note, verifier, "checkpoint");
        if (!checkpoint.origin().equals(origin)) {
            throw new Invalid("checkpoint: its origin '" + checkpoint.origin() + "' is not the bundle's origin '"
                    + origin + "'");
        }
        if (number(checkpointNode, "treeSize", "checkpoint") != checkpoint.treeSize()
                || !MessageDigest.isEqual(hash(checkpointNode, "rootHash", "checkpoint"), checkpoint.rootHash())) {
            throw new Invalid("checkpoint: treeSize or rootHash differ from the signed note text");
        }
        long treeSize = checkpoint.treeSize();
        byte[] root = checkpoint.rootHash();

        // The events.
        JsonNode events = bundle.get("events");
        if (events == null || !events.isArray()) {
            throw new Invalid("bundle: field 'events' is missing or not an array");
        }
        if (events.isEmpty()) {
            throw new Invalid("bundle: it holds no events");
        }
        byte[] previous = EventHash.GENESIS;
        Set<Long> leaves = new HashSet<>();
        for (int position = 0; position < events.size(); position++) {
            JsonNode event = events.get(position);
            String where = "event at bundle position " + position;
            if (!event.isObject()) {
                throw new Invalid(where + ": not a JSON object");
            }
            long sequence = number(event, "sequenceNumber", where);
            long leafIndex = number(event, "leafIndex", where);
            where = "event sequence " + sequence + " (bundle position " + position + ", leaf " + leafIndex + ")";
            String eventId = text(event, "eventIdentifier", where, false);
            String aggregateId = text(event, "aggregateIdentifier", where, false);
            String type = text(event, "aggregateType", where, true);
            String timeStamp = text(event, "timeStamp", where, false);
            String payloadType = text(event, "payloadType", where, false);
            String payloadRevision = text(event, "payloadRevision", where, true);
            byte[] payload = base64(event, "payload", where, false);
            byte[] metaData = base64(event, "metaData", where, true);
            byte[] previousHash = hash(event, "previousHash", where);
            byte[] entryHash = hash(event, "entryHash", where);

            if (!aggregateId.equals(incidentId)) {
                throw new Invalid(where + ": it belongs to aggregate " + aggregateId + ", not incident " + incidentId);
            }
            if (sequence != position) {
                throw new Invalid(where + ": expected sequence " + position
                        + (position == 0 ? ": the bundle does not start at the incident's first event"
                        : ": events are missing, duplicated or out of order"));
            }
            if (!MessageDigest.isEqual(previousHash, previous)) {
                throw new Invalid(where + ": its previousHash " + HEX.formatHex(previousHash) + " is not "
                        + (position == 0 ? "GENESIS (32 zero bytes)" : "the entryHash of sequence " + (position - 1))
                        + ": the chain is broken");
            }
            byte[] recomputed = EventHash.of(eventId, aggregateId, type, sequence, timeStamp, payloadType,
                    payloadRevision, payload, metaData, previousHash);
            if (!MessageDigest.isEqual(recomputed, entryHash)) {
                throw new Invalid(where + ": its stored columns hash to " + HEX.formatHex(recomputed)
                        + ", not to its entryHash " + HEX.formatHex(entryHash) + ": the event was altered");
            }
            if (leafIndex < 0 || leafIndex >= treeSize) {
                throw new Invalid(where + ": leaf index " + leafIndex + " is outside the checkpoint's tree of "
                        + treeSize + " leaves");
            }
            if (!leaves.add(leafIndex)) {
                throw new Invalid(where + ": leaf index " + leafIndex + " is claimed by an earlier event");
            }
            JsonNode inclusion = object(event, "inclusionProof", where);
            if (number(inclusion, "leafIndex", where + ", inclusionProof") != leafIndex
                    || number(inclusion, "treeSize", where + ", inclusionProof") != treeSize) {
                throw new Invalid(where + ": its inclusion proof is not for leaf " + leafIndex + " in the tree of "
                        + treeSize);
            }
            List<byte[]> path = hashes(inclusion, "path", where + ", inclusionProof");
            if (!ProofVerifier.verifyInclusion(MerkleHashes.leafHash(entryHash), leafIndex, treeSize, path, root)) {
                throw new Invalid(where + ": its inclusion proof does not lead from its entry hash at leaf "
                        + leafIndex + " to the checkpoint root of tree size " + treeSize);
            }
            JsonNode tlogProof = event.get("tlogProof");
            if (tlogProof != null && !tlogProof.isNull()) {
                if (!tlogProof.isTextual()) {
                    throw new Invalid(where + ": field 'tlogProof' is not a string");
                }
                checkTlogProof(tlogProof.asText(), leafIndex, path, note, where);
            }
            previous = entryHash;
        }
        long pending = 0;
        JsonNode pendingNode = bundle.get("eventsNotYetInCheckpoint");
        if (pendingNode != null && pendingNode.canConvertToLong()) {
            pending = pendingNode.asLong();
        }

        String consistent = "";
        if (options.previousCheckpoint != null) {
            consistent = checkPrevious(options, bundle, verifier, checkpoint);
        }
        return "VALID: incident " + incidentId + ": " + events.size() + " events (sequence 0 to "
                + (events.size() - 1) + ") hash-chained from genesis and included in checkpoint " + origin
                + " tree size " + treeSize + " root " + HEX.formatHex(root) + ", signed by " + verifier.keyName()
                + "+" + String.format("%08x", verifier.keyId())
                + (trusted ? " (trusted key)" : " (key from the bundle, NOT independently trusted)") + consistent
                + (pending > 0 ? "; the bundle says " + pending + " later events were not yet in a checkpoint (not "
                + "verified)" : "");
    }

    /** Checks the previous checkpoint and the consistency of the bundle's checkpoint with it. */
    private static String checkPrevious(Options options, JsonNode bundle, NoteVerifier verifier,
                                        Checkpoint current) {
        String note = readText(options.previousCheckpoint, "previous checkpoint");
        Checkpoint previous = verifiedCheckpoint(note, verifier, "previous checkpoint");
        if (!previous.origin().equals(current.origin())) {
            throw new Invalid("previous checkpoint: its origin '" + previous.origin() + "' is not the bundle's '"
                    + current.origin() + "'");
        }
        if (previous.treeSize() == current.treeSize()) {
            if (!MessageDigest.isEqual(previous.rootHash(), current.rootHash())) {
                throw new Invalid("previous checkpoint: same tree size " + current.treeSize()
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
            JsonNode embedded = bundle.get("consistencyProof");
            if (embedded == null || embedded.isNull()) {
                throw new Unusable("no consistency proof from tree size " + older.treeSize() + " to "
                        + newer.treeSize() + ": give --consistency-proof, or export the bundle with ?consistencyFrom="
                        + older.treeSize());
            }
            if (!embedded.isObject()) {
                throw new Invalid("bundle: field 'consistencyProof' is not an object");
            }
            long from = number(embedded, "fromSize", "consistencyProof");
            long to = number(embedded, "toSize", "consistencyProof");
            if (from != older.treeSize() || to != newer.treeSize()) {
                throw new Unusable("the bundle's consistency proof is from tree size " + from + " to " + to
                        + ", but the checkpoints have sizes " + older.treeSize() + " and " + newer.treeSize()
                        + ": give --consistency-proof, or export the bundle with ?consistencyFrom="
                        + older.treeSize());
            }
            proof = hashes(embedded, "path", "consistencyProof");
            source = "the bundle";
        }
        if (!ProofVerifier.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(),
                proof)) {
            throw new Invalid("previous checkpoint: the consistency proof from " + source + " does not show that "
                    + "tree size " + newer.treeSize() + " extends tree size " + older.treeSize()
                    + ": the checkpoints describe different histories (a fork) or the proof is wrong");
        }
        return "; consistent with the previous checkpoint of tree size " + previous.treeSize();
    }

    private static List<byte[]> consistencyProofFile(Path file, Checkpoint older, Checkpoint newer) {
        String content = readText(file, "consistency proof");
        String where = "consistency proof " + file;
        if (content.strip().startsWith("{")) {
            JsonNode proof = parseJson(content, "consistency proof " + file);
            if (!proof.isObject()) {
                throw new Unusable(where + " is not a JSON object");
            }
            JsonNode from = proof.get("fromSize");
            JsonNode to = proof.get("toSize");
            if ((from != null && from.asLong(-1) != older.treeSize())
                    || (to != null && to.asLong(-1) != newer.treeSize())) {
                throw new Unusable(where + " is from tree size " + from + " to " + to + ", but the checkpoints have "
                        + "sizes " + older.treeSize() + " and " + newer.treeSize());
            }
            for (String[] root : new String[][] {{"fromRoot", HEX.formatHex(older.rootHash())},
                    {"toRoot", HEX.formatHex(newer.rootHash())}}) {
                JsonNode given = proof.get(root[0]);
                if (given != null && given.isTextual() && !given.asText().equalsIgnoreCase(root[1])) {
                    throw new Invalid("previous checkpoint: the consistency proof's " + root[0] + " " + given.asText()
                            + " is not the signed root " + root[1] + " of that tree size: the log has forked");
                }
            }
            return hashes(proof, "path", where);
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
                throw new Unusable(where + ", line " + line + ": not a 64-digit hex hash");
            }
            path.add(HEX.parseHex(trimmed));
        }
        return path;
    }

    /** Checks the c2sp.org/tlog-proof@v1 text says exactly what the JSON proof and checkpoint say. */
    private static void checkTlogProof(String proof, long leafIndex, List<byte[]> path, String note, String where) {
        String prefix = where + ": its tlogProof ";
        int blank = proof.indexOf("\n\n");
        if (blank < 0) {
            throw new Invalid(prefix + "has no empty line before the checkpoint");
        }
        if (!proof.substring(blank + 2).equals(note)) {
            throw new Invalid(prefix + "does not carry the bundle's signed checkpoint verbatim");
        }
        String[] lines = proof.substring(0, blank).split("\n", -1);
        int next = 0;
        if (!TLOG_PROOF_HEADER.equals(lines[next++])) {
            throw new Invalid(prefix + "does not start with " + TLOG_PROOF_HEADER);
        }
        if (next < lines.length && lines[next].startsWith("extra ")) {
            next++;
        }
        if (next >= lines.length || !lines[next].startsWith("index ")
                || !DECIMAL.matcher(lines[next].substring(6)).matches()
                || Long.parseLong(lines[next].substring(6)) != leafIndex) {
            throw new Invalid(prefix + "does not name index " + leafIndex);
        }
        next++;
        if (lines.length - next != path.size()) {
            throw new Invalid(prefix + "has " + (lines.length - next) + " hashes, the inclusion proof " + path.size());
        }
        for (int i = 0; i < path.size(); i++) {
            byte[] hash;
            try {
                hash = strictBase64(lines[next + i]);
            } catch (IllegalArgumentException e) {
                throw new Invalid(prefix + "hash " + i + " is not canonical base64");
            }
            if (!MessageDigest.isEqual(hash, path.get(i))) {
                throw new Invalid(prefix + "hash " + i + " differs from the inclusion proof");
            }
        }
    }

    private static Checkpoint verifiedCheckpoint(String note, NoteVerifier verifier, String what) {
        String text;
        try {
            text = verifier.verify(note);
        } catch (NoteVerifier.NoteVerificationException e) {
            throw new Invalid(what + ": the signed note does not verify with key " + verifier.keyName() + "+"
                    + String.format("%08x", verifier.keyId()) + ": " + e.getMessage());
        }
        try {
            return Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(what + ": the signed text is not a checkpoint: " + e.getMessage());
        }
    }

    private static NoteVerifier verifierKey(String option) {
        String key = option;
        if (option.startsWith("@")) {
            key = readText(Path.of(option.substring(1)), "public key file").strip();
        }
        try {
            return new NoteVerifier(key.strip());
        } catch (IllegalArgumentException e) {
            throw new Unusable("--public-key is not a valid verifier key: " + e.getMessage());
        }
    }

    private static String normalizedKey(String key, String where) {
        try {
            return new NoteVerifier(key).verifierKey();
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + " is not a valid verifier key: " + e.getMessage());
        }
    }

    // ----- reading --------------------------------------------------------------------------------------------

    private static JsonNode readJson(Path file, String what) {
        return parseJson(readText(file, what), what + " " + file);
    }

    private static JsonNode parseJson(String content, String what) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || node.isMissingNode()) {
                throw new Unusable(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Unusable(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String readText(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Unusable("cannot read the " + what + " " + file + ": " + e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unusable("the " + what + " " + file + " is not valid UTF-8");
        }
    }

    private static JsonNode field(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new Invalid(where + ": field '" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String where, boolean nullable) {
        JsonNode value = field(node, name, where);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Invalid(where + ": field '" + name + "' is not a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Invalid(where + ": field '" + name + "' is not an integer");
        }
        return value.asLong();
    }

    private static JsonNode object(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isObject()) {
            throw new Invalid(where + ": field '" + name + "' is not an object");
        }
        return value;
    }

    private static byte[] base64(JsonNode node, String name, String where, boolean nullable) {
        String value = text(node, name, where, nullable);
        if (value == null) {
            return null;
        }
        try {
            return strictBase64(value);
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + ": field '" + name + "' is not canonical padded base64");
        }
    }

    private static byte[] strictBase64(String value) {
        byte[] decoded = Base64.getDecoder().decode(value);
        if (!Base64.getEncoder().encodeToString(decoded).equals(value)) {
            throw new IllegalArgumentException("not canonical");
        }
        return decoded;
    }

    private static byte[] hash(JsonNode node, String name, String where) {
        String value = text(node, name, where, false);
        if (!HASH_HEX.matcher(value).matches()) {
            throw new Invalid(where + ": field '" + name + "' is not a 32-byte hex hash");
        }
        return HEX.parseHex(value);
    }

    private static List<byte[]> hashes(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isArray()) {
            throw new Invalid(where + ": field '" + name + "' is not an array");
        }
        List<byte[]> hashes = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual() || !HASH_HEX.matcher(element.asText()).matches()) {
                throw new Invalid(where + ": element " + i + " of '" + name + "' is not a 32-byte hex hash");
            }
            hashes.add(HEX.parseHex(element.asText()));
        }
        return hashes;
    }

    // ----- options and outcomes -------------------------------------------------------------------------------

    private record Options(Path bundle, String publicKey, Path previousCheckpoint, Path consistencyProof) {

        /** The options, or null when help was asked for. */
        static Options parse(String[] args) {
            Path bundle = null;
            String publicKey = null;
            Path previous = null;
            Path consistency = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--public-key", "--previous-checkpoint", "--consistency-proof" -> {
                        if (i + 1 >= args.length) {
                            throw new Unusable(arg + " needs a value", true);
                        }
                        String value = args[++i];
                        if (arg.equals("--public-key")) {
                            publicKey = value;
                        } else if (arg.equals("--previous-checkpoint")) {
                            previous = Path.of(value);
                        } else {
                            consistency = Path.of(value);
                        }
                    }
                    default -> {
                        if (arg.startsWith("--") || bundle != null) {
                            throw new Unusable("unexpected argument " + arg, true);
                        }
                        bundle = Path.of(arg);
                    }
                }
            }
            if (bundle == null) {
                throw new Unusable("no bundle file given", true);
            }
            if (consistency != null && previous == null) {
                throw new Unusable("--consistency-proof needs --previous-checkpoint", true);
            }
            return new Options(bundle, publicKey, previous, consistency);
        }
    }

    /** The bundle does not verify. */
    private static final class Invalid extends RuntimeException {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The verifier cannot run: bad arguments, unreadable input, or not a bundle. */
    private static final class Unusable extends RuntimeException {

        private final boolean showUsage;

        Unusable(String message) {
            this(message, false);
        }

        Unusable(String message, boolean showUsage) {
            super(message, null, false, false);
            this.showUsage = showUsage;
        }
    }
}
