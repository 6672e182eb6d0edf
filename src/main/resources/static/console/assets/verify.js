/*
 * Verification in the browser (docs/console-verify.md): the person's own browser checks the ledger, so that they need
 * not take the service's word for it.
 *
 * - The log's verifier keys are pinned by the person in this browser (localStorage), each with the tree sizes it
 *   signs: pasted from a copy obtained independently (one key, or a keys file as the offline verifier's --keys), or
 *   confirmed from what the service publishes (GET /api/ledger/keys, trust on first use). A current key the service
 *   publishes that is not pinned is shown as a warning and never used.
 * - "Verify in my browser" fetches the newest signed checkpoint (a C2SP signed note), verifies its Ed25519 signature
 *   through WebCrypto with the pinned key whose range holds its tree size (a retired key's signature beyond its range
 *   is refused), verifies the cosignature/v1 lines of the witnesses the person pinned and counts their quorum, then
 *   fetches each of the incident's events' RFC 9162 inclusion proofs for that checkpoint's tree size and recomputes
 *   the root from the event's entry hash (the leaf data). A checkpoint signed by a key that is not pinned is neither
 *   verified nor a tamper alarm: the panel says so, and what to do.
 * - Everything the panel says is computed here. Nothing the service says about validity (its rootHash, leafHash
 *   fields, its own verification endpoint) is used.
 *
 * The functions below mirror the Java classes of io.incidentledger.ledger.log byte for byte: SignedNote.parse,
 * NoteVerifier, Checkpoint.parse, MerkleHashes, ProofVerifier, CosignatureVerifier, and the offline verifier's keys
 * file and witness quorum (TrustedKeys, WitnessQuorum; docs/ledger-format.md, docs/ledger-keys.md). They are
 * published as window.IncidentLedgerVerify so that tests can run them on vectors the Java code produced.
 */
(function () {
    'use strict';

    var PINNED_KEY = 'incident-ledger/pinned-verifier-key';
    var PINNED_KEYS = 'incident-ledger/pinned-keys';
    var PINNED_WITNESSES = 'incident-ledger/pinned-witnesses';
    var LAST_CHECKPOINT = 'incident-ledger/last-verified-checkpoint';
    var SIGNATURE_PREFIX = '\u2014 ';
    var MAX_SIGNATURES = 100;
    var HASH_LENGTH = 32;
    var ED25519 = 0x01;
    var COSIGNATURE_V1 = 0x04;
    var COSIGNATURE_SIZE = 8 + 64;
    var ED25519_KEY_SIZE = 32;
    var GENESIS = new Uint8Array(HASH_LENGTH);
    var LONG_MAX = 9223372036854775807n;
    var PROOF_FETCHES_AT_ONCE = 4;

    /** A check that failed; its message says what, in words a person can read. */
    function Refusal(message) {
        var error = new Error(message);
        error.name = 'Refusal';
        return error;
    }

    // ---- bytes -------------------------------------------------------------------------------------------------

    function utf8(text) {
        return new TextEncoder().encode(text);
    }

    /** Decodes UTF-8 strictly, as Java's decoder with REPORT does: invalid bytes are refused, a BOM is kept. */
    function decodeUtf8(bytes) {
        try {
            return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch (invalid) {
            throw Refusal('a signed note must be valid UTF-8');
        }
    }

    function concat() {
        var length = 0;
        var i;
        for (i = 0; i < arguments.length; i++) {
            length += arguments[i].length;
        }
        var out = new Uint8Array(length);
        var offset = 0;
        for (i = 0; i < arguments.length; i++) {
            out.set(arguments[i], offset);
            offset += arguments[i].length;
        }
        return out;
    }

    function equalBytes(a, b) {
        if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) {
            return false;
        }
        var difference = 0;
        for (var i = 0; i < a.length; i++) {
            difference |= a[i] ^ b[i];
        }
        return difference === 0;
    }

    function bytesToHex(bytes) {
        var hex = '';
        for (var i = 0; i < bytes.length; i++) {
            hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
        }
        return hex;
    }

    /** Hexadecimal of either case, an even number of digits; anything else is refused. */
    function hexToBytes(hex, what) {
        if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
            throw Refusal((what || 'value') + ' is not hexadecimal');
        }
        var bytes = new Uint8Array(hex.length / 2);
        for (var i = 0; i < bytes.length; i++) {
            bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
        }
        return bytes;
    }

    /** Standard padded base64, and only its canonical spelling (SignedNote.decodeBase64Strictly). */
    function decodeBase64Strictly(text, what) {
        var binary;
        try {
            binary = atob(text);
        } catch (invalid) {
            throw Refusal(what + ' is not valid base64');
        }
        if (btoa(binary) !== text) {
            throw Refusal(what + ' is not canonical padded base64');
        }
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes;
    }

    function encodeBase64(bytes) {
        var binary = '';
        for (var i = 0; i < bytes.length; i++) {
            binary += String.fromCharCode(bytes[i]);
        }
        return btoa(binary);
    }

    function requireCrypto() {
        if (!window.crypto || !window.crypto.subtle) {
            throw Refusal('this browser offers no Web Cryptography here (it needs HTTPS)');
        }
        return window.crypto.subtle;
    }

    async function sha256(bytes) {
        return new Uint8Array(await requireCrypto().digest('SHA-256', bytes));
    }

    // ---- the Merkle tree (MerkleHashes, ProofVerifier) ---------------------------------------------------------

    /** SHA-256(0x00 || leafData): an event's leaf data is its 32-byte entry hash. */
    function leafHash(leafData) {
        return sha256(concat(new Uint8Array([0x00]), leafData));
    }

    function nodeHash(left, right) {
        return sha256(concat(new Uint8Array([0x01]), left, right));
    }

    function isHash(hash) {
        return hash instanceof Uint8Array && hash.length === HASH_LENGTH;
    }

    /** A whole number as a BigInt, or null: a leaf index or tree size as JSON or as a BigInt. */
    function wholeNumber(value) {
        if (typeof value === 'bigint') {
            return value;
        }
        return Number.isSafeInteger(value) ? BigInt(value) : null;
    }

    /**
     * Whether path proves that leafHash is leaf leafIndex of the tree of treeSize leaves with root: RFC 9162 2.1.3.2,
     * line for line as ProofVerifier.verifyInclusion. Never throws for a malformed proof: it is simply not valid.
     */
    async function verifyInclusion(leafHashBytes, leafIndex, treeSize, path, root) {
        if (!isHash(leafHashBytes) || !isHash(root) || !Array.isArray(path) || !path.every(isHash)) {
            return false;
        }
        var index = wholeNumber(leafIndex);
        var size = wholeNumber(treeSize);
        if (index === null || size === null || index < 0n || index >= size) {
            return false;
        }
        var fn = index;
        var sn = size - 1n;
        var r = leafHashBytes;
        for (var i = 0; i < path.length; i++) {
            var p = path[i];
            if (sn === 0n) {
                return false;
            }
            if ((fn & 1n) === 1n || fn === sn) {
                r = await nodeHash(p, r);
                while ((fn & 1n) === 0n && fn !== 0n) {
                    fn >>= 1n;
                    sn >>= 1n;
                }
            } else {
                r = await nodeHash(r, p);
            }
            fn >>= 1n;
            sn >>= 1n;
        }
        return sn === 0n && equalBytes(r, root);
    }

    /**
     * Whether proof proves that the tree of toSize leaves with toRoot extends the tree of fromSize leaves with
     * fromRoot: RFC 9162 2.1.4.2, line for line as ProofVerifier.verifyConsistency (the old root is put first when
     * fromSize is a power of two; equal sizes need an empty proof and equal roots; fromSize 0 is not valid).
     */
    async function verifyConsistency(fromSize, toSize, fromRoot, toRoot, proof) {
        if (!isHash(fromRoot) || !isHash(toRoot) || !Array.isArray(proof) || !proof.every(isHash)) {
            return false;
        }
        var from = wholeNumber(fromSize);
        var to = wholeNumber(toSize);
        if (from === null || to === null || from <= 0n || from > to) {
            return false;
        }
        if (from === to) {
            return proof.length === 0 && equalBytes(fromRoot, toRoot);
        }
        if (proof.length === 0) {
            return false;
        }
        var path = (from & (from - 1n)) === 0n ? [fromRoot].concat(proof) : proof;
        var fn = from - 1n;
        var sn = to - 1n;
        while ((fn & 1n) === 1n) {
            fn >>= 1n;
            sn >>= 1n;
        }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.length; i++) {
            var c = path[i];
            if (sn === 0n) {
                return false;
            }
            if ((fn & 1n) === 1n || fn === sn) {
                fr = await nodeHash(c, fr);
                sr = await nodeHash(c, sr);
                while ((fn & 1n) === 0n && fn !== 0n) {
                    fn >>= 1n;
                    sn >>= 1n;
                }
            } else {
                sr = await nodeHash(sr, c);
            }
            fn >>= 1n;
            sn >>= 1n;
        }
        return sn === 0n && equalBytes(fr, fromRoot) && equalBytes(sr, toRoot);
    }

    // ---- signed notes (SignedNote, NoteVerifier) ---------------------------------------------------------------

    /** Non-empty, without '+', control characters, lone surrogates or Unicode spaces (as Go's unicode.IsSpace). */
    function isValidKeyName(name) {
        if (typeof name !== 'string' || name === '') {
            return false;
        }
        for (var character of name) {
            var c = character.codePointAt(0);
            if (c === 0x2B || c < 0x20 || c === 0x85 || (c >= 0xD800 && c <= 0xDFFF) || /\p{Z}/u.test(character)) {
                return false;
            }
        }
        return true;
    }

    function requireNoControlCharacters(s) {
        for (var i = 0; i < s.length; i++) {
            var c = s.charCodeAt(i);
            if (c < 0x20 && c !== 0x0A) {
                throw Refusal('a signed note must not contain control characters other than newline');
            }
            var high = c >= 0xD800 && c <= 0xDBFF;
            var next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
            if (high && next >= 0xDC00 && next <= 0xDFFF) {
                i++;
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                throw Refusal('a signed note must be valid UTF-8 (a lone surrogate)');
            }
        }
    }

    function requireValidText(text) {
        if (text === '' || !text.endsWith('\n')) {
            throw Refusal('a note text must be non-empty and end with a newline');
        }
        requireNoControlCharacters(text);
    }

    function parseSignatureLine(line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw Refusal('a signature line must start with an em dash and a space');
        }
        var rest = line.substring(SIGNATURE_PREFIX.length);
        var space = rest.indexOf(' ');
        if (space < 0) {
            throw Refusal('a signature line needs a key name, a space and a signature');
        }
        var name = rest.substring(0, space);
        if (!isValidKeyName(name)) {
            throw Refusal('invalid key name in signature line');
        }
        var decoded = decodeBase64Strictly(rest.substring(space + 1), 'signature');
        if (decoded.length < 5) {
            throw Refusal('a signature must hold a 4-byte key ID and at least one byte');
        }
        return { keyName: name, keyId: bytesToHex(decoded.subarray(0, 4)), signature: decoded.slice(4) };
    }

    /**
     * Parses a signed note strictly (SignedNote.parse): the text is everything up to and including the newline before
     * the last blank line; after it, only signature lines, each ending in a newline. Says nothing about authenticity.
     */
    function parseSignedNote(note) {
        if (typeof note !== 'string') {
            throw Refusal('a signed note must be text');
        }
        requireNoControlCharacters(note);
        var split = note.lastIndexOf('\n\n');
        if (split < 0) {
            throw Refusal('a signed note needs a blank line before its signatures');
        }
        var text = note.substring(0, split + 1);
        var block = note.substring(split + 2);
        if (block === '' || !block.endsWith('\n')) {
            throw Refusal('the signature block must be non-empty and end with a newline');
        }
        var signatures = [];
        var start = 0;
        while (start < block.length) {
            var end = block.indexOf('\n', start);
            if (signatures.length === MAX_SIGNATURES) {
                throw Refusal('a signed note may carry at most ' + MAX_SIGNATURES + ' signatures');
            }
            signatures.push(parseSignatureLine(block.substring(start, end)));
            start = end + 1;
        }
        requireValidText(text);
        return { text: text, signatures: signatures };
    }

    /**
     * The key ID of an Ed25519 key of the given type: the first 4 bytes of SHA-256(key name || 0x0A || type || public
     * key), as 8 hex digits. The type is 0x01 for a note signer (the log), 0x04 for a cosigner (a witness).
     */
    async function keyIdOf(keyName, type, publicKey) {
        var digest = await sha256(concat(utf8(keyName), new Uint8Array([0x0A, type]), publicKey));
        return bytesToHex(digest.subarray(0, 4));
    }

    /** Reads <name>+<8 hex digits key ID>+<base64(type || 32-byte public key)>, checking its key ID. */
    async function parseKeyOfType(text, type, what) {
        if (typeof text !== 'string') {
            throw Refusal('a ' + what + ' must be text');
        }
        var first = text.indexOf('+');
        var second = first < 0 ? -1 : text.indexOf('+', first + 1);
        var name = first < 0 ? '' : text.substring(0, first);
        var claimedId = second < 0 ? '' : text.substring(first + 1, second);
        if (second < 0 || !isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(claimedId)) {
            throw Refusal('a ' + what + ' must be <name>+<8 hex digits>+<base64 key>');
        }
        var encoded = decodeBase64Strictly(text.substring(second + 1), what);
        if (encoded.length !== 1 + ED25519_KEY_SIZE || encoded[0] !== type) {
            throw Refusal(what + ' is not an Ed25519 key of type 0x0' + type + ' (0x0' + type + ' and 32 bytes)');
        }
        var publicKey = encoded.slice(1);
        var derivedId = await keyIdOf(name, type, publicKey);
        if (claimedId.toLowerCase() !== derivedId) {
            throw Refusal(what + ' ID ' + claimedId + ' does not match its name and key (' + derivedId + ')');
        }
        return {
            keyName: name,
            keyId: derivedId,
            publicKey: publicKey,
            /** The key in its text encoding, key ID in lower case. */
            text: name + '+' + derivedId + '+' + encodeBase64(encoded)
        };
    }

    /**
     * Reads a verifier key <name>+<8 hex digits key ID>+<base64(0x01 || 32-byte public key)>, checking that its key
     * ID is the one its name and key imply (the NoteVerifier constructor).
     */
    function parseVerifierKey(verifierKey) {
        return parseKeyOfType(verifierKey, ED25519, 'verifier key');
    }

    /**
     * Reads a witness's cosigner verifier key <name>+<8 hex digits key ID>+<base64(0x04 || 32-byte public key)>
     * (CosignatureVerifier.fromVerifierKey): the key ID is computed with the type byte 0x04.
     */
    function parseCosignerKey(verifierKey) {
        return parseKeyOfType(verifierKey, COSIGNATURE_V1, 'cosigner verifier key');
    }

    async function ed25519Verifies(publicKey, message, signature) {
        if (signature.length !== 2 * ED25519_KEY_SIZE) {
            return false;
        }
        var subtle = requireCrypto();
        try {
            var key = await subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
            return await subtle.verify({ name: 'Ed25519' }, key, signature, message);
        } catch (refused) {
            if (refused && refused.name === 'NotSupportedError') {
                throw Refusal('this browser cannot verify Ed25519 signatures (WebCrypto)');
            }
            return false;
        }
    }

    /**
     * Checks a signed note against a verifier (from parseVerifierKey) and returns its text, which may be trusted only
     * because this returned (NoteVerifier.verify): only lines with the key's name and key ID count; at least one must
     * verify and none may fail. Lines of other keys are ignored.
     */
    async function verifyNote(signedNote, verifier) {
        var note;
        try {
            note = parseSignedNote(signedNote);
        } catch (malformed) {
            throw Refusal('malformed signed note: ' + malformed.message);
        }
        var message = utf8(note.text);
        var verified = false;
        for (var i = 0; i < note.signatures.length; i++) {
            var signature = note.signatures[i];
            if (signature.keyName !== verifier.keyName || signature.keyId !== verifier.keyId) {
                continue;
            }
            if (!await ed25519Verifies(verifier.publicKey, message, signature.signature)) {
                throw Refusal('invalid signature for key ' + verifier.keyName + '+' + signature.keyId);
            }
            verified = true;
        }
        if (!verified) {
            throw Refusal('note has no signature by key ' + verifier.keyName + '+' + verifier.keyId);
        }
        return note.text;
    }

    // ---- checkpoints (Checkpoint.parse) -------------------------------------------------------------------------

    /** Parses a verified note text as a C2SP tlog-checkpoint body, strictly. */
    function parseCheckpoint(noteText) {
        if (typeof noteText !== 'string' || !noteText.endsWith('\n')) {
            throw Refusal('a checkpoint must end with a newline');
        }
        var lines = noteText.substring(0, noteText.length - 1).split('\n');
        if (lines.length < 3) {
            throw Refusal('a checkpoint needs origin, tree size and root hash lines');
        }
        for (var i = 0; i < lines.length; i++) {
            if (lines[i] === '') {
                throw Refusal('checkpoint line ' + (i + 1) + ' is empty');
            }
        }
        if (!/^(?:0|[1-9][0-9]*)$/.test(lines[1])) {
            throw Refusal('tree size must be decimal digits without leading zeros');
        }
        var treeSize = BigInt(lines[1]);
        if (treeSize > LONG_MAX) {
            throw Refusal('tree size is too large');
        }
        var rootHash = decodeBase64Strictly(lines[2], 'root hash');
        if (rootHash.length !== HASH_LENGTH) {
            throw Refusal('root hash must be ' + HASH_LENGTH + ' bytes, not ' + rootHash.length);
        }
        lines.forEach(function (line, index) {
            if (index !== 1 && index !== 2 && /[\u0000-\u001f]/.test(line)) {
                throw Refusal('checkpoint lines must not contain control characters');
            }
        });
        return { origin: lines[0], treeSize: treeSize, rootHash: rootHash, extensions: lines.slice(3) };
    }

    // ---- several keys with tree-size ranges (the offline verifier's --keys, TrustedKeys) ----------------------

    // what Java's String.strip() removes (Character.isWhitespace); KEYS_LINE's spaces are Java's regex \s, ASCII only
    var JAVA_WHITESPACE = '\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029'
        + '\\u205f\\u3000';
    var JAVA_STRIP = new RegExp('^[' + JAVA_WHITESPACE + ']+|[' + JAVA_WHITESPACE + ']+$', 'g');
    var KEYS_LINE = /^([^ \t\n\u000b\f\r]+)(?:[ \t\n\u000b\f\r]+(0|[1-9][0-9]{0,18})-(0|[1-9][0-9]{0,18})?)?$/;

    /**
     * Reads a keys file as the offline verifier's --keys does (TrustedKeys.parse): one verifier key a line, optionally
     * followed by the tree sizes it signs, <first>-<last> or <first>- (no end); a key without a range is for every
     * tree size. Blank lines and lines starting with # are ignored. Gives [{verifier, first, last}] (BigInt sizes,
     * last null for no end), in the file's order.
     */
    async function parseKeysFile(text) {
        if (typeof text !== 'string') {
            throw Refusal('a keys file must be text');
        }
        var keys = [];
        var lines = text.split('\n');
        for (var i = 0; i < lines.length; i++) {
            var trimmed = lines[i].replace(JAVA_STRIP, '');
            if (trimmed === '' || trimmed.startsWith('#')) {
                continue;
            }
            var where = 'line ' + (i + 1);
            var match = KEYS_LINE.exec(trimmed);
            if (!match) {
                throw Refusal(where + ': not <verifier key> [<first tree size>-[<last tree size>]]');
            }
            var first = match[2] === undefined ? 0n : BigInt(match[2]);
            var last = match[3] === undefined ? null : BigInt(match[3]);
            if (first > LONG_MAX || (last !== null && last > LONG_MAX)) {
                throw Refusal(where + ': a tree size is too large');
            }
            if (last !== null && last < first) {
                throw Refusal(where + ': the range ends before it starts');
            }
            var verifier;
            try {
                verifier = await parseVerifierKey(match[1]);
            } catch (unusable) {
                throw Refusal(where + ' is not a valid verifier key: ' + unusable.message);
            }
            keys.push({ verifier: verifier, first: first, last: last });
        }
        return keys;
    }

    function covers(key, treeSize) {
        return treeSize >= key.first && (key.last === null || treeSize <= key.last);
    }

    function describeRange(key) {
        if (key.first === 0n && key.last === null) {
            return 'every tree size';
        }
        return 'tree sizes ' + key.first.toString() + (key.last === null ? ' on' : ' to ' + key.last.toString());
    }

    function keyLabel(key) {
        return key.keyName + '+' + key.keyId;
    }

    /**
     * Checks a checkpoint note with the pinned key for its tree size, as the offline verifier does with --keys
     * (TrustedKeys.forNote, NoteVerifier.verify, Checkpoint.parse, TrustedKeys.checkRange): among the pinned keys a
     * signature line names, the first whose range holds the tree size; its lines must verify; and the first pinned
     * entry of that key must cover the tree size, so that a retired key's signature beyond its range is refused.
     * Gives {text, checkpoint, key}. A note no line of which names a pinned key is refused with unpinned set: that
     * is a checkpoint this browser cannot judge, not a proof of tampering.
     */
    async function verifyCheckpointWithKeys(note, keys) {
        var parsed;
        try {
            parsed = parseSignedNote(note);
        } catch (malformed) {
            throw Refusal('malformed signed note: ' + malformed.message);
        }
        var named = [];
        parsed.signatures.forEach(function (signature) {
            keys.forEach(function (key) {
                if (key.verifier.keyName === signature.keyName && key.verifier.keyId === signature.keyId) {
                    named.push(key);
                }
            });
        });
        if (named.length === 0) {
            var unpinned = Refusal(parsed.signatures.length === 0 ? 'it carries no signature'
                : 'it is signed by key ' + parsed.signatures[0].keyName + '+' + parsed.signatures[0].keyId
                + ', which you have not pinned');
            unpinned.unpinned = true;
            unpinned.signature = parsed.signatures[0] || null;
            throw unpinned;
        }
        var size = null;
        try {
            size = parseCheckpoint(parsed.text).treeSize;
        } catch (malformed) {
            // refused below, once the signature is checked
        }
        var chosen = (size !== null && named.find(function (key) {
            return covers(key, size);
        })) || named[0];
        var text = await verifyNote(note, chosen.verifier);
        var checkpoint = parseCheckpoint(text);
        var pinned = keys.find(function (key) {
            return key.verifier.text === chosen.verifier.text;
        });
        if (!covers(pinned, checkpoint.treeSize)) {
            throw Refusal('tree size ' + checkpoint.treeSize.toString() + ' is signed by key '
                + keyLabel(pinned.verifier) + ', which you pinned for ' + describeRange(pinned) + ' only'
                + (pinned.last !== null && checkpoint.treeSize > pinned.last
                    ? ': a retired key signed a checkpoint after its rotation' : ''));
        }
        return { text: text, checkpoint: checkpoint, key: pinned };
    }

    // ---- witness cosignatures (CosignatureVerifier, the offline verifier's WitnessQuorum) ---------------------

    /**
     * The timestamp (a BigInt, seconds since the epoch) of a cosignature/v1 line by this witness over the checkpoint
     * body, or null (CosignatureVerifier.verify): the line must carry the witness's name and key ID, 8 bytes of
     * timestamp at most 2^63 - 1 and an Ed25519 signature over "cosignature/v1\ntime <t>\n" || body.
     */
    async function verifyCosignature(body, signature, witness) {
        if (signature.keyName !== witness.keyName || signature.keyId !== witness.keyId) {
            return null;
        }
        var bytes = signature.signature;
        if (bytes.length !== COSIGNATURE_SIZE) {
            return null;
        }
        var time = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0);
        if (time < 0n) {
            return null;
        }
        var message = utf8('cosignature/v1\ntime ' + time.toString() + '\n' + body);
        return await ed25519Verifies(witness.publicKey, message, bytes.slice(8)) ? time : null;
    }

    /**
     * Checks the cosignature lines of the pinned witnesses (parsed with parseCosignerKey) in a checkpoint note, as
     * WitnessQuorum.check does: a line with a pinned witness's name and key ID that does not verify refuses the
     * checkpoint; a witness counts once, however many lines it has. Gives [{witness, time}] for every pinned
     * witness, time null when it has no line. Lines of other keys are ignored.
     */
    async function checkCosignatures(note, witnesses) {
        var parsed;
        try {
            parsed = parseSignedNote(note);
        } catch (malformed) {
            throw Refusal('malformed signed note: ' + malformed.message);
        }
        var results = [];
        for (var i = 0; i < witnesses.length; i++) {
            var witness = witnesses[i];
            var time = null;
            for (var j = 0; j < parsed.signatures.length; j++) {
                var line = parsed.signatures[j];
                if (line.keyName !== witness.keyName || line.keyId !== witness.keyId) {
                    continue;
                }
                var verified = await verifyCosignature(parsed.text, line, witness);
                if (verified === null) {
                    throw Refusal('the cosignature of witness ' + keyLabel(witness) + ' does not verify');
                }
                time = time === null ? verified : time;
            }
            results.push({ witness: witness, time: time });
        }
        return results;
    }

    window.IncidentLedgerVerify = Object.freeze({
        sha256: sha256,
        leafHash: leafHash,
        nodeHash: nodeHash,
        verifyInclusion: verifyInclusion,
        verifyConsistency: verifyConsistency,
        parseSignedNote: parseSignedNote,
        parseVerifierKey: parseVerifierKey,
        parseCosignerKey: parseCosignerKey,
        parseKeysFile: parseKeysFile,
        verifyCheckpointWithKeys: verifyCheckpointWithKeys,
        verifyCosignature: verifyCosignature,
        checkCosignatures: checkCosignatures,
        verifyNote: verifyNote,
        parseCheckpoint: parseCheckpoint,
        hexToBytes: hexToBytes,
        bytesToHex: bytesToHex,
        decodeUtf8: decodeUtf8
    });

    // ---- the panel ---------------------------------------------------------------------------------------------

    var VERIFIED = 'verified by your browser';

    /**
     * The pinned keys as stored: {source, keys: [{key, first, last}]} (sizes as decimal text, last null for no end).
     * A single key pinned by the earlier panel (PINNED_KEY) becomes one key for every tree size, once.
     */
    function readPinnedKeys() {
        try {
            var stored = window.localStorage.getItem(PINNED_KEYS);
            if (stored === null) {
                var single = window.localStorage.getItem(PINNED_KEY);
                if (single === null) {
                    return null;
                }
                stored = JSON.stringify({ source: 'earlier', keys: [{ key: single, first: '0', last: null }] });
                window.localStorage.setItem(PINNED_KEYS, stored);
                window.localStorage.removeItem(PINNED_KEY);
            }
            return JSON.parse(stored);
        } catch (unavailable) {
            return null;
        }
    }

    function writePinnedKeys(source, keys) {
        window.localStorage.removeItem(PINNED_KEY);
        if (keys === null) {
            window.localStorage.removeItem(PINNED_KEYS);
            return;
        }
        window.localStorage.setItem(PINNED_KEYS, JSON.stringify({
            source: source,
            keys: keys.map(function (key) {
                return {
                    key: key.verifier.text, first: key.first.toString(),
                    last: key.last === null ? null : key.last.toString()
                };
            })
        }));
    }

    /** The pinned keys, each parsed and checked again: {source, keys: [{verifier, first, last}]}, or null. */
    async function pinnedKeys() {
        var stored = readPinnedKeys();
        if (!stored) {
            return null;
        }
        if (!Array.isArray(stored.keys) || stored.keys.length === 0) {
            throw Refusal('nothing usable is stored');
        }
        var keys = [];
        for (var i = 0; i < stored.keys.length; i++) {
            var entry = stored.keys[i];
            var first = wholeNumber(typeof entry.first === 'string' && /^[0-9]+$/.test(entry.first)
                ? BigInt(entry.first) : null);
            var last = entry.last === null ? null
                : typeof entry.last === 'string' && /^[0-9]+$/.test(entry.last) ? BigInt(entry.last) : undefined;
            if (first === null || last === undefined) {
                throw Refusal('a stored tree-size range is not whole numbers');
            }
            keys.push({ verifier: await parseVerifierKey(entry.key), first: first, last: last });
        }
        return { source: stored.source, keys: keys };
    }

    function readPinnedWitnesses() {
        try {
            var stored = JSON.parse(window.localStorage.getItem(PINNED_WITNESSES) || 'null');
            return stored && Array.isArray(stored.keys) ? stored : null;
        } catch (unavailable) {
            return null;
        }
    }

    /** The pinned witnesses, parsed and checked again: {witnesses: [key], quorum}, or null. */
    async function pinnedWitnesses() {
        var stored = readPinnedWitnesses();
        if (!stored) {
            return null;
        }
        var witnesses = [];
        for (var i = 0; i < stored.keys.length; i++) {
            witnesses.push(await parseCosignerKey(stored.keys[i]));
        }
        if (!Number.isSafeInteger(stored.quorum) || stored.quorum < 1 || stored.quorum > witnesses.length) {
            throw Refusal('the stored quorum is not between 1 and the number of witnesses');
        }
        return { witnesses: witnesses, quorum: stored.quorum };
    }

    /**
     * Reads pasted witness keys, one a line (blank lines and lines starting with # ignored, each key once, as the
     * offline verifier's --witness @file), and a quorum: blank for all of them, else 1 to their number.
     */
    async function parseWitnesses(text, quorumText) {
        var witnesses = [];
        var seen = new Set();
        var lines = String(text).split('\n');
        for (var i = 0; i < lines.length; i++) {
            var line = lines[i].replace(JAVA_STRIP, '');
            if (line === '' || line.startsWith('#')) {
                continue;
            }
            var witness;
            try {
                witness = await parseCosignerKey(line);
            } catch (unusable) {
                throw Refusal('line ' + (i + 1) + ' is not a witness\'s cosigner key: ' + unusable.message);
            }
            if (!seen.has(witness.text)) {
                seen.add(witness.text);
                witnesses.push(witness);
            }
        }
        if (witnesses.length === 0) {
            throw Refusal('paste at least one witness key');
        }
        var quorum = String(quorumText).trim();
        if (quorum === '') {
            return { witnesses: witnesses, quorum: witnesses.length };
        }
        if (!/^[0-9]{1,3}$/.test(quorum) || Number(quorum) < 1 || Number(quorum) > witnesses.length) {
            throw Refusal('the quorum must be a whole number from 1 to ' + witnesses.length);
        }
        return { witnesses: witnesses, quorum: Number(quorum) };
    }

    var SOURCES = {
        pasted: 'pasted by you',
        service: 'published by the service when you pinned them: trust on first use',
        earlier: 'the single key pinned by this panel\'s earlier version, for every tree size'
    };

    /** What a refused request says: the problem's detail, or its status. */
    async function refusalOf(response, what) {
        var detail = '';
        try {
            var problem = await response.json();
            detail = problem.detail || problem.title || '';
        } catch (notJson) {
            // the status says it
        }
        return Refusal(what + ': the service answered ' + response.status + (detail ? ' (' + detail + ')' : ''));
    }

    function request(url, accept) {
        // window.fetch at each call, not a copy taken at load: what the page receives is what it checks
        return window.fetch(url, {
            credentials: 'same-origin', cache: 'no-store', headers: { Accept: accept }
        });
    }

    async function getJson(url, what) {
        var response = await request(url, 'application/json, application/problem+json');
        if (!response.ok) {
            throw await refusalOf(response, what);
        }
        return response.json();
    }

    /** Runs work(item) for every item, a few at a time. */
    async function eachAtMost(items, atOnce, work) {
        var next = 0;
        async function worker() {
            while (next < items.length) {
                var item = items[next];
                next++;
                await work(item);
            }
        }
        var workers = [];
        for (var i = 0; i < Math.min(atOnce, items.length); i++) {
            workers.push(worker());
        }
        await Promise.all(workers);
    }

    function Panel(root) {
        this.root = root;
        this.urls = {
            checkpoint: root.getAttribute('data-checkpoint-url'),
            keys: root.getAttribute('data-keys-url'),
            inclusion: root.getAttribute('data-inclusion-url'),
            events: root.getAttribute('data-events-url'),
            consistency: root.getAttribute('data-consistency-url')
        };
        this.serverKeys = null;
        this.running = false;
    }

    Panel.prototype.part = function (name) {
        return this.root.querySelector('[data-verify="' + name + '"]');
    };

    Panel.prototype.say = function (name, text, state) {
        var element = this.part(name);
        if (!element) {
            return;
        }
        element.textContent = text;
        element.classList.toggle('verified', state === 'ok');
        element.classList.toggle('not-verified', state === 'bad');
        element.classList.toggle('muted', state === 'muted');
        element.classList.toggle('verify-caution', state === 'warn');
        element.hidden = text === '';
    };

    Panel.prototype.list = function (name, items) {
        var list = this.part(name);
        list.replaceChildren();
        items.forEach(function (item) {
            var entry = document.createElement('li');
            entry.append(item.text);
            if (item.code) {
                var code = document.createElement('code');
                code.className = 'hash mono';
                code.textContent = item.code;
                entry.append(' ', code);
            }
            if (item.state) {
                entry.className = item.state === 'ok' ? 'verified' : item.state === 'bad' ? 'not-verified'
                    : item.state === 'warn' ? 'verify-caution' : 'muted';
                entry.setAttribute('data-state', item.state);
            }
            list.append(entry);
        });
        list.hidden = items.length === 0;
    };

    /** The service's key entry that signs from just after a rotation, as GET /api/ledger/keys lists it, or null. */
    Panel.prototype.rotationTo = function (keyName, keyId) {
        var keys = this.serverKeys || [];
        for (var i = 1; i < keys.length; i++) {
            if (keys[i].verifier.keyName === keyName && keys[i].verifier.keyId === keyId && keys[i].first > 0n) {
                return { from: keys[i - 1], to: keys[i] };
            }
        }
        return null;
    };

    function rotationSentence(rotation) {
        var size = (rotation.to.first - 1n).toString();
        return 'The service reports a rotation of the log\'s key at tree size ' + size + ': key '
            + keyLabel(rotation.from.verifier) + ' signs up to ' + size + ', key ' + keyLabel(rotation.to.verifier)
            + ' from ' + rotation.to.first.toString() + ' on (GET /api/ledger/keys).';
    }

    /** Shows the pinned keys and witnesses and, when the service's current key is not pinned, a warning. */
    Panel.prototype.showKeys = async function () {
        var pinned = null;
        var unusable = null;
        try {
            pinned = await pinnedKeys();
        } catch (refused) {
            unusable = refused;
        }
        if (pinned) {
            this.say('pinned', 'Pinned in this browser (' + (SOURCES[pinned.source] || 'pinned by you') + '): '
                + pinned.keys.length + (pinned.keys.length === 1 ? ' key.' : ' keys.'), '');
            this.list('pinned-keys', pinned.keys.map(function (key) {
                return {
                    text: key.verifier.keyName + ' (key ID ' + key.verifier.keyId + '), ' + describeRange(key) + ':',
                    code: key.verifier.text
                };
            }));
        } else {
            this.say('pinned', unusable ? 'The keys pinned in this browser are not usable: ' + unusable.message + '.'
                : 'No key is pinned in this browser yet. Pin the ledger\'s keys before you verify.',
                unusable ? 'bad' : 'muted');
            this.list('pinned-keys', []);
        }
        this.say('server-keys', (this.serverKeys || []).map(function (key) {
            return key.verifier.text + ' ' + key.first.toString() + '-'
                + (key.last === null ? '' : key.last.toString());
        }).join('\n') || 'unknown', '');
        var current = (this.serverKeys || []).find(function (key) {
            return key.current;
        });
        var warning = '';
        var caution = false;
        if (current && pinned && !pinned.keys.some(function (key) {
            return key.verifier.text === current.verifier.text;
        })) {
            var rotation = this.rotationTo(current.verifier.keyName, current.verifier.keyId);
            caution = rotation !== null && pinned.keys.some(function (key) {
                return key.verifier.text === rotation.from.verifier.text;
            });
            warning = 'The service now publishes a different key (' + current.verifier.keyName + ', key ID '
                + current.verifier.keyId + ') from the ' + (pinned.keys.length === 1 ? 'one' : 'ones') + ' you pinned '
                + '(key ID ' + pinned.keys.map(function (key) {
                    return key.verifier.keyId;
                }).join(', ') + '). ' + (rotation ? rotationSentence(rotation) + ' ' : '')
                + 'Your browser keeps verifying with your pinned keys only. Compare the new key with the one the '
                + 'ledger\'s operator gives you through another channel, not this service, before you pin it.';
        }
        this.say('key-warning', warning, caution ? '' : 'bad');
        this.part('key-warning').classList.toggle('verify-notice', caution);

        var witnesses = null;
        var witnessProblem = null;
        try {
            witnesses = await pinnedWitnesses();
        } catch (refused) {
            witnessProblem = refused;
        }
        if (witnesses) {
            this.say('witnesses', 'Pinned in this browser: ' + witnesses.witnesses.length
                + (witnesses.witnesses.length === 1 ? ' witness' : ' witnesses') + ', quorum ' + witnesses.quorum
                + '.', '');
            this.list('pinned-witnesses', witnesses.witnesses.map(function (witness) {
                return { text: witness.keyName + ' (key ID ' + witness.keyId + '):', code: witness.text };
            }));
        } else {
            this.say('witnesses', witnessProblem ? 'The witnesses pinned in this browser are not usable: '
                + witnessProblem.message + '.' : 'No witness is pinned in this browser: cosignatures are shown but '
                + 'not checked.', witnessProblem ? 'bad' : 'muted');
            this.list('pinned-witnesses', []);
        }
    };

    /** Reads GET /api/ledger/keys: every key of the log with the tree sizes the service says it signs. */
    Panel.prototype.loadServerKeys = async function () {
        try {
            var listed = await getJson(this.urls.keys, 'the service\'s keys');
            if (!Array.isArray(listed) || listed.length === 0) {
                throw Refusal('the service lists no key');
            }
            var keys = [];
            for (var i = 0; i < listed.length; i++) {
                var first = wholeNumber(listed[i].firstTreeSize);
                var last = listed[i].lastTreeSize === null ? null : wholeNumber(listed[i].lastTreeSize);
                if (first === null || first < 0n || (listed[i].lastTreeSize !== null && last === null)
                        || (last !== null && last < first)) {
                    throw Refusal('the service lists a key with an unusable range');
                }
                keys.push({ verifier: await parseVerifierKey(listed[i].verifierKey), first: first, last: last,
                    current: listed[i].current === true });
            }
            this.serverKeys = keys;
        } catch (failed) {
            this.serverKeys = null;
            this.say('key-result', 'Could not read the keys the service publishes: ' + failed.message + '.', 'bad');
        }
        await this.showKeys();
    };

    Panel.prototype.pinKeys = async function (source, keys) {
        writePinnedKeys(source, keys);
        this.say('key-result', 'Pinned ' + keys.map(function (key) {
            return key.verifier.keyName + ' (key ID ' + key.verifier.keyId + ', ' + describeRange(key) + ')';
        }).join(' and ') + ' in this browser.', 'ok');
        await this.showKeys();
    };

    Panel.prototype.pinPasted = async function (text) {
        try {
            var keys = await parseKeysFile(text);
            if (keys.length === 0) {
                throw Refusal('paste a verifier key, or a keys file');
            }
            await this.pinKeys('pasted', keys);
        } catch (refused) {
            this.say('key-result', 'Not pinned: ' + refused.message + '.', 'bad');
            await this.showKeys();
        }
    };

    Panel.prototype.pinServer = async function () {
        await this.loadServerKeys();
        if (!this.serverKeys) {
            this.say('key-result', 'The service\'s keys are not known; paste them instead.', 'bad');
            return;
        }
        await this.pinKeys('service', this.serverKeys);
    };

    Panel.prototype.forget = async function () {
        writePinnedKeys(null, null);
        window.localStorage.removeItem(LAST_CHECKPOINT);
        this.say('key-result', 'This browser no longer has pinned keys, nor a checkpoint it verified before.', '');
        await this.showKeys();
    };

    Panel.prototype.pinWitnesses = async function (text, quorum) {
        try {
            var pinned = await parseWitnesses(text, quorum);
            window.localStorage.setItem(PINNED_WITNESSES, JSON.stringify({
                keys: pinned.witnesses.map(function (witness) {
                    return witness.text;
                }),
                quorum: pinned.quorum
            }));
            this.say('witness-key-result', 'Pinned ' + pinned.witnesses.length + (pinned.witnesses.length === 1
                ? ' witness' : ' witnesses') + ' with quorum ' + pinned.quorum + ' in this browser.', 'ok');
        } catch (refused) {
            this.say('witness-key-result', 'Not pinned: ' + refused.message + '.', 'bad');
        }
        await this.showKeys();
    };

    Panel.prototype.forgetWitnesses = async function () {
        window.localStorage.removeItem(PINNED_WITNESSES);
        this.say('witness-key-result', 'This browser no longer has pinned witnesses.', '');
        await this.showKeys();
    };

    Panel.prototype.eventRow = function (event, position) {
        var row = document.createElement('tr');
        var sequence = document.createElement('td');
        sequence.textContent = String(event.sequence);
        var type = document.createElement('td');
        type.textContent = String(event.type === undefined || event.type === null ? '' : event.type);
        var leaf = document.createElement('td');
        leaf.className = 'hide-narrow';
        leaf.textContent = event.leafIndex === null || event.leafIndex === undefined ? '—' : String(event.leafIndex);
        var result = document.createElement('td');
        result.setAttribute('data-event', String(event.eventId));
        result.setAttribute('data-position', String(position));
        result.textContent = 'checking…';
        result.className = 'muted';
        sequence.setAttribute('data-label', 'Sequence');
        type.setAttribute('data-label', 'Event');
        result.setAttribute('data-label', 'Your browser\'s result');
        row.append(sequence, type, leaf, result);
        return { row: row, result: result };
    };

    function showResult(cell, text, state) {
        cell.textContent = text;
        cell.className = state === 'ok' ? 'verified' : state === 'bad' ? 'not-verified'
            : state === 'warn' ? 'verify-caution' : 'muted';
        cell.setAttribute('data-state', state);
    }

    /** What the listing itself shows, before any proof: the hash chain's links and leaves used once. */
    function chainProblems(events) {
        var problems = [];
        var leaves = new Set();
        for (var i = 0; i < events.length; i++) {
            var event = events[i];
            var problem = null;
            try {
                var previous = hexToBytes(event.previousHash, 'its previous hash');
                var entry = hexToBytes(event.entryHash, 'its entry hash');
                if (!isHash(entry) || !isHash(previous)) {
                    problem = 'its hashes are not 32 bytes';
                } else if (event.sequence !== i) {
                    problem = 'it is listed at position ' + i + ' but has sequence ' + event.sequence;
                } else if (i === 0 && !equalBytes(previous, GENESIS)) {
                    problem = 'the first event does not start the hash chain';
                } else if (i > 0 && event.previousHash.toLowerCase() !== String(events[i - 1].entryHash).toLowerCase()) {
                    problem = 'its previous hash is not the entry hash of event ' + (i - 1);
                } else if (event.leafIndex !== null && event.leafIndex !== undefined) {
                    if (!Number.isSafeInteger(event.leafIndex) || event.leafIndex < 0) {
                        problem = 'its leaf index is not a whole number';
                    } else if (leaves.has(event.leafIndex)) {
                        problem = 'its leaf index is that of an earlier event';
                    } else {
                        leaves.add(event.leafIndex);
                    }
                }
            } catch (malformed) {
                problem = malformed.message;
            }
            problems.push(problem);
        }
        return problems;
    }

    Panel.prototype.verifyEvent = async function (event, cell, checkpoint, problem) {
        if (problem) {
            showResult(cell, 'NOT verified: ' + problem, 'bad');
            return 'bad';
        }
        if (event.leafIndex === null || event.leafIndex === undefined || BigInt(event.leafIndex) >= checkpoint.treeSize) {
            showResult(cell, 'not yet in a signed checkpoint', 'muted');
            return 'pending';
        }
        try {
            var url = this.urls.inclusion + '?eventId=' + encodeURIComponent(event.eventId) + '&treeSize='
                + checkpoint.treeSize.toString();
            var proof = await getJson(url, 'its inclusion proof');
            if (proof.eventId !== event.eventId) {
                throw Refusal('the proof is for another event');
            }
            if (proof.leafIndex !== event.leafIndex || wholeNumber(proof.treeSize) !== checkpoint.treeSize) {
                throw Refusal('the proof is for another leaf or tree size');
            }
            var entryHash = hexToBytes(event.entryHash, 'its entry hash');
            if (typeof proof.leafData !== 'string' || proof.leafData.toLowerCase() !== event.entryHash.toLowerCase()) {
                throw Refusal('the proof is for another entry hash');
            }
            if (!Array.isArray(proof.path)) {
                throw Refusal('the proof has no path');
            }
            var path = proof.path.map(function (hash) {
                return hexToBytes(hash, 'a hash of its proof');
            });
            var included = await verifyInclusion(await leafHash(entryHash), event.leafIndex, checkpoint.treeSize,
                path, checkpoint.rootHash);
            if (!included) {
                throw Refusal('its inclusion proof does not lead to the signed root');
            }
            showResult(cell, VERIFIED, 'ok');
            return 'ok';
        } catch (failed) {
            showResult(cell, 'NOT verified: ' + failed.message, 'bad');
            return 'bad';
        }
    };

    Panel.prototype.verify = async function () {
        if (this.running) {
            return;
        }
        this.running = true;
        var button = this.root.querySelector('[data-verify-action="verify"]');
        var results = this.part('results');
        var rows = this.part('events');
        button.disabled = true;
        results.setAttribute('aria-busy', 'true');
        rows.replaceChildren();
        this.say('checkpoint-result', '', '');
        this.say('history', '', '');
        this.say('witness-result', '', '');
        this.list('cosignatures', []);
        this.part('checkpoint').hidden = true;
        this.say('summary', 'Your browser is verifying…', 'muted');
        try {
            await this.run(rows);
        } catch (failed) {
            this.say('summary', 'NOT verified: ' + failed.message, 'bad');
        } finally {
            results.setAttribute('aria-busy', 'false');
            button.disabled = false;
            this.running = false;
        }
    };

    Panel.prototype.run = async function (rows) {
        await this.loadServerKeys();
        var pinned;
        try {
            pinned = await pinnedKeys();
        } catch (unusable) {
            throw Refusal('the pinned keys are not usable: ' + unusable.message);
        }
        if (!pinned) {
            throw Refusal('no key is pinned in this browser; pin the ledger\'s keys first');
        }
        var witnesses;
        try {
            witnesses = await pinnedWitnesses();
        } catch (unusable) {
            throw Refusal('the pinned witnesses are not usable: ' + unusable.message);
        }
        var events = await getJson(this.urls.events, 'the incident\'s events');
        if (!Array.isArray(events)) {
            throw Refusal('the incident\'s events are not a list');
        }
        var cells = events.map(function (event, position) {
            var made = this.eventRow(event, position);
            rows.append(made.row);
            return made.result;
        }, this);

        var note;
        var verified;
        var cosigned = [];
        try {
            var response = await request(this.urls.checkpoint, 'text/plain, application/problem+json');
            if (response.status === 404) {
                cells.forEach(function (cell) {
                    showResult(cell, 'not yet in a signed checkpoint', 'muted');
                });
                this.say('checkpoint-result', 'The log has no signed checkpoint yet.', 'muted');
                this.say('summary', 'Nothing to verify yet: the log has no signed checkpoint.', 'muted');
                return;
            }
            if (!response.ok) {
                throw await refusalOf(response, 'the checkpoint');
            }
            note = decodeUtf8(new Uint8Array(await response.arrayBuffer()));
            verified = await verifyCheckpointWithKeys(note, pinned.keys);
            if (witnesses) {
                cosigned = await checkCosignatures(note, witnesses.witnesses);
            }
        } catch (failed) {
            if (failed.unpinned) {
                this.showUnpinned(failed);
                cells.forEach(function (cell) {
                    showResult(cell, 'not verified: the checkpoint is signed by a key you have not pinned', 'warn');
                });
                this.say('history', 'Not compared with the checkpoint your browser verified before: this one is not '
                    + 'verified.', 'muted');
                this.say('summary', 'Not verified, and not a sign of tampering by itself: the newest checkpoint is '
                    + 'signed by a key you have not pinned (see above).', 'warn');
                return;
            }
            this.say('checkpoint-result', 'Checkpoint NOT verified: ' + failed.message, 'bad');
            cells.forEach(function (cell) {
                showResult(cell, 'NOT verified: the checkpoint is not verified', 'bad');
            });
            throw Refusal('the checkpoint is not verified with your pinned keys (' + failed.message + ')');
        }
        var checkpoint = verified.checkpoint;
        this.showCheckpoint(checkpoint, verified.key);
        var witnessed = this.showCosignatures(note, verified.key, witnesses, cosigned);
        var history = await this.checkHistory(note, checkpoint, pinned.keys);

        var problems = chainProblems(events);
        var outcomes = { ok: 0, bad: 0, pending: 0 };
        var panel = this;
        await eachAtMost(events.map(function (event, position) {
            return position;
        }), PROOF_FETCHES_AT_ONCE, async function (position) {
            var outcome = await panel.verifyEvent(events[position], cells[position], checkpoint, problems[position]);
            outcomes[outcome]++;
        });
        var summary = outcomes.ok + ' of ' + events.length + ' events ' + VERIFIED
            + (outcomes.pending ? '; ' + outcomes.pending + ' not yet in a signed checkpoint' : '')
            + (outcomes.bad ? '; ' + outcomes.bad + ' NOT verified' : '') + '.';
        if (witnessed) {
            summary += ' ' + witnessed.summary;
        }
        if (history === 'bad') {
            summary += ' The log does NOT extend the checkpoint your browser verified before.';
        }
        this.say('summary', summary, outcomes.bad || history === 'bad' ? 'bad'
            : outcomes.pending || (witnessed && !witnessed.met) ? '' : 'ok');
    };

    /** Says that the checkpoint is signed by a key that is not pinned, what the service says of it, what to do. */
    Panel.prototype.showUnpinned = function (refused) {
        var signature = refused.signature;
        var said = 'Checkpoint not verified: ' + refused.message + '. ';
        if (signature) {
            var rotation = this.rotationTo(signature.keyName, signature.keyId);
            var listed = (this.serverKeys || []).find(function (key) {
                return key.verifier.keyName === signature.keyName && key.verifier.keyId === signature.keyId;
            });
            said += rotation ? rotationSentence(rotation) + ' '
                : listed ? 'The service lists that key for ' + describeRange(listed) + '. '
                : 'The service does not list that key among the log\'s keys. ';
        }
        said += 'Your browser did not treat the checkpoint as verified. To verify it, compare that key with the one '
            + 'the ledger\'s operator gives you through another channel, not this service, then pin it with its tree '
            + 'sizes (or pin the keys the service publishes, trusting it on first use).';
        this.say('checkpoint-result', said, 'warn');
    };

    /**
     * Lists every signature line of the checkpoint but the log's own: each pinned witness's cosignature with its time,
     * or its absence, and any other line as not checked. Gives the quorum's outcome for the summary, or null when no
     * witness is pinned.
     */
    Panel.prototype.showCosignatures = function (note, logKey, witnesses, cosigned) {
        var lines = parseSignedNote(note).signatures;
        var pinned = witnesses ? witnesses.witnesses : [];
        var items = cosigned.map(function (result) {
            var witness = result.witness;
            return result.time === null
                ? { text: witness.keyName + ' (key ID ' + witness.keyId + '): no cosignature on this checkpoint',
                    state: 'muted' }
                : { text: witness.keyName + ' (key ID ' + witness.keyId + '): cosigned at ' + cosignedAt(result.time)
                    + ', ' + VERIFIED, state: 'ok' };
        });
        lines.forEach(function (line) {
            var own = line.keyName === logKey.verifier.keyName && line.keyId === logKey.verifier.keyId;
            var ofWitness = pinned.some(function (witness) {
                return line.keyName === witness.keyName && line.keyId === witness.keyId;
            });
            if (!own && !ofWitness) {
                items.push({ text: line.keyName + ' (key ID ' + line.keyId + '): not checked: '
                    + (pinned.length ? 'not one of your pinned witnesses' : 'no witness key pinned'), state: 'muted' });
            }
        });
        this.list('cosignatures', items);
        if (!witnesses) {
            var others = items.length;
            this.say('witness-result', others ? others + (others === 1 ? ' cosignature line' : ' cosignature lines')
                + ', not checked: no witness key pinned.' : 'No witness cosignature on this checkpoint, and no '
                + 'witness key pinned.', 'muted');
            return null;
        }
        var count = cosigned.filter(function (result) {
            return result.time !== null;
        }).length;
        var met = count >= witnesses.quorum;
        var of = count + ' of your ' + pinned.length + ' pinned ' + (pinned.length === 1 ? 'witness' : 'witnesses');
        this.say('witness-result', met
            ? 'Witnessed: cosigned by ' + of + ', quorum ' + witnesses.quorum + ', ' + VERIFIED + '.'
            : 'Quorum not met: cosigned by ' + of + ', fewer than your quorum of ' + witnesses.quorum + '. The '
                + 'log\'s own signature is verified; witnesses may not have cosigned this checkpoint yet, or may be '
                + 'unreachable.', met ? 'ok' : 'warn');
        return {
            met: met,
            summary: met ? 'Cosigned by ' + of + ' (quorum ' + witnesses.quorum + ').'
                : 'Quorum of witnesses not met: ' + of + ' cosigned, quorum ' + witnesses.quorum + '.'
        };
    };

    /** A cosignature's time in UTC, and its seconds; a time this browser's clock has not reached is marked. */
    function cosignedAt(seconds) {
        var millis = Number(seconds) * 1000;
        if (!(millis <= 8.64e15)) {
            return 'time ' + seconds.toString();
        }
        var iso = new Date(millis).toISOString().replace('.000Z', 'Z');
        return iso + (millis > Date.now() + 600000 ? ' (in the future by this browser\'s clock)' : '');
    }

    function rememberCheckpoint(note) {
        try {
            window.localStorage.setItem(LAST_CHECKPOINT, JSON.stringify({ note: note }));
        } catch (unavailable) {
            // without storage there is no history to compare with next time
        }
    }

    /**
     * The checkpoint this browser verified last, verified again with the pinned key for its own tree size (so that a
     * checkpoint kept before a rotation is checked with the old key): {earlier}, {unusable: why, treeSize} when it
     * does not verify with the keys pinned now, or null when there is none.
     */
    async function lastCheckpoint(keys) {
        var stored;
        try {
            stored = JSON.parse(window.localStorage.getItem(LAST_CHECKPOINT) || 'null');
        } catch (unreadable) {
            return null;
        }
        if (!stored || typeof stored.note !== 'string') {
            return null;
        }
        try {
            var earlier = (await verifyCheckpointWithKeys(stored.note, keys)).checkpoint;
            earlier.note = stored.note;
            return { earlier: earlier };
        } catch (unusable) {
            var size = /^[^\n]*\n([0-9]{1,19})\n/.exec(stored.note);
            return { unusable: unusable.message, treeSize: size ? size[1] : 'unknown' };
        }
    }

    /**
     * Compares the checkpoint just verified with the one this browser verified last: a log only grows, so the smaller
     * must be a prefix of the larger (RFC 9162 consistency proof, checked here against the two signed roots, whichever
     * pinned keys signed them). The newest consistent checkpoint is kept for next time; an inconsistent one is not.
     */
    Panel.prototype.checkHistory = async function (note, checkpoint, keys) {
        var kept = await lastCheckpoint(keys);
        if (!kept || kept.unusable) {
            rememberCheckpoint(note);
            this.say('history', (kept ? 'The checkpoint your browser verified before (tree size ' + kept.treeSize
                + ') does not verify with the keys pinned now (' + kept.unusable + '), so it was not compared. ' : '')
                + 'Your browser keeps this checkpoint, to check next time that the log only grew.',
                kept ? 'warn' : 'muted');
            return 'none';
        }
        var earlier = kept.earlier;
        var before = earlier.treeSize.toString();
        var now = checkpoint.treeSize.toString();
        try {
            if (earlier.origin !== checkpoint.origin) {
                throw Refusal('it is of another log (' + earlier.origin + ')');
            }
            var older = earlier.treeSize <= checkpoint.treeSize ? earlier : checkpoint;
            var newer = older === earlier ? checkpoint : earlier;
            var consistent;
            if (older.treeSize === newer.treeSize) {
                consistent = equalBytes(older.rootHash, newer.rootHash);
            } else if (older.treeSize === 0n) {
                consistent = equalBytes(older.rootHash, await sha256(new Uint8Array(0)));
            } else {
                var proof = await getJson(this.urls.consistency + '?from=' + older.treeSize.toString() + '&to='
                    + newer.treeSize.toString(), 'the consistency proof');
                if (wholeNumber(proof.fromSize) !== older.treeSize || wholeNumber(proof.toSize) !== newer.treeSize
                        || !Array.isArray(proof.path)) {
                    throw Refusal('the consistency proof is for other tree sizes');
                }
                consistent = await verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash,
                    proof.path.map(function (hash) {
                        return hexToBytes(hash, 'a hash of the consistency proof');
                    }));
            }
            if (!consistent) {
                throw Refusal('the consistency proof does not join the two signed roots');
            }
        } catch (failed) {
            this.say('history', 'NOT verified: this log does not extend the checkpoint your browser verified before '
                + '(tree size ' + before + ', root ' + bytesToHex(earlier.rootHash) + '): ' + failed.message
                + '. Your browser keeps the earlier checkpoint.', 'bad');
            return 'bad';
        }
        if (earlier.treeSize === checkpoint.treeSize) {
            this.say('history', 'The same checkpoint as your browser verified before (tree size ' + now + ').', 'ok');
        } else if (earlier.treeSize < checkpoint.treeSize) {
            rememberCheckpoint(note);
            this.say('history', 'The log only grew since your browser verified it before: tree size ' + before
                + ' to ' + now + ', ' + VERIFIED + '.', 'ok');
        } else {
            this.say('history', 'The service showed an older checkpoint (tree size ' + now + ') than the one your '
                + 'browser verified before (' + before + '); the two are consistent, ' + VERIFIED + '.', 'muted');
        }
        return 'ok';
    };

    Panel.prototype.showCheckpoint = function (checkpoint, key) {
        this.say('checkpoint-result', 'Checkpoint ' + VERIFIED + ': signed by your pinned key for its tree size.',
            'ok');
        this.say('origin', checkpoint.origin, '');
        this.say('tree-size', checkpoint.treeSize.toString(), '');
        this.say('root-hash', bytesToHex(checkpoint.rootHash), '');
        this.say('signer', key.verifier.keyName + ' (key ID ' + key.verifier.keyId + ', pinned for '
            + describeRange(key) + ')', '');
        this.part('checkpoint').hidden = false;
    };

    Panel.prototype.start = function () {
        var panel = this;
        this.root.addEventListener('click', function (event) {
            var action = event.target.closest('[data-verify-action]');
            if (!action || !panel.root.contains(action)) {
                return;
            }
            var name = action.getAttribute('data-verify-action');
            if (name === 'verify') {
                panel.verify();
            } else if (name === 'pin-pasted') {
                panel.pinPasted(panel.root.querySelector('[data-verify="key-input"]').value);
            } else if (name === 'pin-server') {
                panel.pinServer();
            } else if (name === 'pin-witnesses') {
                panel.pinWitnesses(panel.root.querySelector('[data-verify="witness-input"]').value,
                    panel.root.querySelector('[data-verify="quorum-input"]').value);
            } else if (name === 'forget-witnesses') {
                panel.forgetWitnesses();
            } else if (name === 'forget') {
                panel.forget();
            }
        });
        this.part('ready').hidden = false;
        this.loadServerKeys();
    };

    function startPanels(scope) {
        var panels = scope.querySelectorAll ? scope.querySelectorAll('[data-verify-panel]') : [];
        Array.prototype.forEach.call(panels, function (root) {
            if (!root.hasAttribute('data-verify-started')) {
                root.setAttribute('data-verify-started', '');
                new Panel(root).start();
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () {
            startPanels(document);
        });
    } else {
        startPanels(document);
    }
    // a panel that htmx swaps in later starts too
    document.addEventListener('htmx:load', function (event) {
        startPanels(event.detail && event.detail.elt ? event.detail.elt.parentNode || document : document);
    });
}());
