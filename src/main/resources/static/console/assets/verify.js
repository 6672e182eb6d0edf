/*
 * Verification in the browser (docs/console-verify.md): the person's own browser checks the ledger, so that they need
 * not take the service's word for it.
 *
 * - The log's verifier key is pinned by the person in this browser (localStorage), pasted from a copy obtained
 *   independently or confirmed from what the service publishes; a key the service publishes later that differs is
 *   shown as a warning and never used.
 * - "Verify in my browser" fetches the newest signed checkpoint (a C2SP signed note), verifies its Ed25519 signature
 *   with the pinned key through WebCrypto, then fetches each of the incident's events' RFC 9162 inclusion proofs for
 *   that checkpoint's tree size and recomputes the root from the event's entry hash (the leaf data).
 * - Everything the panel says is computed here. Nothing the service says about validity (its rootHash, leafHash
 *   fields, its own verification endpoint) is used.
 *
 * The functions below mirror the Java classes of io.incidentledger.ledger.log byte for byte: SignedNote.parse,
 * NoteVerifier, Checkpoint.parse, MerkleHashes and ProofVerifier.verifyInclusion (docs/ledger-format.md). They are
 * published as window.IncidentLedgerVerify so that tests can run them on vectors the Java code produced.
 */
(function () {
    'use strict';

    var PINNED_KEY = 'incident-ledger/pinned-verifier-key';
    var LAST_CHECKPOINT = 'incident-ledger/last-verified-checkpoint';
    var SIGNATURE_PREFIX = '\u2014 ';
    var MAX_SIGNATURES = 100;
    var HASH_LENGTH = 32;
    var ED25519 = 0x01;
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

    /** The Ed25519 key ID: the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key), as 8 hex digits. */
    async function ed25519KeyId(keyName, publicKey) {
        var digest = await sha256(concat(utf8(keyName), new Uint8Array([0x0A, ED25519]), publicKey));
        return bytesToHex(digest.subarray(0, 4));
    }

    /**
     * Reads a verifier key <name>+<8 hex digits key ID>+<base64(0x01 || 32-byte public key)>, checking that its key
     * ID is the one its name and key imply (the NoteVerifier constructor).
     */
    async function parseVerifierKey(verifierKey) {
        if (typeof verifierKey !== 'string') {
            throw Refusal('a verifier key must be text');
        }
        var first = verifierKey.indexOf('+');
        var second = first < 0 ? -1 : verifierKey.indexOf('+', first + 1);
        var name = first < 0 ? '' : verifierKey.substring(0, first);
        var claimedId = second < 0 ? '' : verifierKey.substring(first + 1, second);
        if (second < 0 || !isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(claimedId)) {
            throw Refusal('a verifier key must be <name>+<8 hex digits>+<base64 key>');
        }
        var encoded = decodeBase64Strictly(verifierKey.substring(second + 1), 'verifier key');
        if (encoded.length !== 1 + ED25519_KEY_SIZE || encoded[0] !== ED25519) {
            throw Refusal('verifier key is not an Ed25519 key (0x01 and 32 bytes)');
        }
        var publicKey = encoded.slice(1);
        var derivedId = await ed25519KeyId(name, publicKey);
        if (claimedId.toLowerCase() !== derivedId) {
            throw Refusal('verifier key ID ' + claimedId + ' does not match its name and key (' + derivedId + ')');
        }
        return {
            keyName: name,
            keyId: derivedId,
            publicKey: publicKey,
            /** The key in its text encoding, key ID in lower case. */
            text: name + '+' + derivedId + '+' + encodeBase64(encoded)
        };
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

    window.IncidentLedgerVerify = Object.freeze({
        sha256: sha256,
        leafHash: leafHash,
        nodeHash: nodeHash,
        verifyInclusion: verifyInclusion,
        verifyConsistency: verifyConsistency,
        parseSignedNote: parseSignedNote,
        parseVerifierKey: parseVerifierKey,
        verifyNote: verifyNote,
        parseCheckpoint: parseCheckpoint,
        hexToBytes: hexToBytes,
        bytesToHex: bytesToHex,
        decodeUtf8: decodeUtf8
    });

    // ---- the panel ---------------------------------------------------------------------------------------------

    var VERIFIED = 'verified by your browser';

    function readPinned() {
        try {
            return window.localStorage.getItem(PINNED_KEY);
        } catch (unavailable) {
            return null;
        }
    }

    function writePinned(key) {
        if (key === null) {
            window.localStorage.removeItem(PINNED_KEY);
        } else {
            window.localStorage.setItem(PINNED_KEY, key);
        }
    }

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
            publicKey: root.getAttribute('data-public-key-url'),
            inclusion: root.getAttribute('data-inclusion-url'),
            events: root.getAttribute('data-events-url'),
            consistency: root.getAttribute('data-consistency-url')
        };
        this.serverKey = null;
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
        element.hidden = text === '';
    };

    /** Shows the pinned key and, when the service publishes another one, a warning. Never pins by itself. */
    Panel.prototype.showKeys = async function () {
        var pinnedText = readPinned();
        var pinned = null;
        if (pinnedText) {
            try {
                pinned = await parseVerifierKey(pinnedText);
            } catch (unusable) {
                this.say('pinned', 'The key pinned in this browser is not usable: ' + unusable.message + '.', 'bad');
            }
        }
        if (pinned) {
            this.say('pinned', 'Pinned in this browser: ' + pinned.keyName + ' (key ID ' + pinned.keyId + ')', '');
            this.say('pinned-key', pinned.text, '');
        } else if (!pinnedText) {
            this.say('pinned', 'No key is pinned in this browser yet. Pin the ledger\'s key before you verify.',
                'muted');
            this.say('pinned-key', '', '');
        }
        this.say('server-key', this.serverKey ? this.serverKey.text : '', '');
        var warning = '';
        if (this.serverKey && pinned && (this.serverKey.keyName !== pinned.keyName
                || this.serverKey.keyId !== pinned.keyId || !equalBytes(this.serverKey.publicKey, pinned.publicKey))) {
            warning = 'The service now publishes a different key (' + this.serverKey.keyName + ', key ID '
                + this.serverKey.keyId + ') from the one you pinned (key ID ' + pinned.keyId + '). Your browser '
                + 'keeps verifying with your pinned key. Find out from the operator why before you pin another.';
        }
        this.say('key-warning', warning, 'bad');
    };

    Panel.prototype.loadServerKey = async function () {
        try {
            var response = await request(this.urls.publicKey, 'text/plain');
            if (!response.ok) {
                throw await refusalOf(response, 'the service\'s key');
            }
            this.serverKey = await parseVerifierKey(decodeUtf8(new Uint8Array(await response.arrayBuffer())).trim());
        } catch (failed) {
            this.serverKey = null;
            this.say('key-result', 'Could not read the key the service publishes: ' + failed.message + '.', 'bad');
        }
        await this.showKeys();
    };

    Panel.prototype.pin = async function (text) {
        try {
            var key = await parseVerifierKey(text.trim());
            writePinned(key.text);
            this.say('key-result', 'Pinned ' + key.keyName + ' (key ID ' + key.keyId + ') in this browser.', 'ok');
        } catch (refused) {
            this.say('key-result', 'Not pinned: ' + refused.message + '.', 'bad');
        }
        await this.showKeys();
    };

    Panel.prototype.forget = async function () {
        writePinned(null);
        window.localStorage.removeItem(LAST_CHECKPOINT);
        this.say('key-result', 'This browser no longer has a pinned key, nor a checkpoint it verified before.', '');
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
        cell.className = state === 'ok' ? 'verified' : state === 'bad' ? 'not-verified' : 'muted';
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
        await this.loadServerKey();
        var pinnedText = readPinned();
        if (!pinnedText) {
            throw Refusal('no key is pinned in this browser; pin the ledger\'s key first');
        }
        var verifier;
        try {
            verifier = await parseVerifierKey(pinnedText);
        } catch (unusable) {
            throw Refusal('the pinned key is not usable: ' + unusable.message);
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

        var checkpoint;
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
            var note = decodeUtf8(new Uint8Array(await response.arrayBuffer()));
            checkpoint = parseCheckpoint(await verifyNote(note, verifier));
        } catch (failed) {
            this.say('checkpoint-result', 'Checkpoint NOT verified: ' + failed.message, 'bad');
            cells.forEach(function (cell) {
                showResult(cell, 'NOT verified: the checkpoint is not verified', 'bad');
            });
            throw Refusal('the checkpoint is not verified with your pinned key (' + failed.message + ')');
        }
        this.showCheckpoint(checkpoint, verifier);
        var history = await this.checkHistory(note, checkpoint, verifier);

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
        if (history === 'bad') {
            summary += ' The log does NOT extend the checkpoint your browser verified before.';
        }
        this.say('summary', summary, outcomes.bad || history === 'bad' ? 'bad' : outcomes.pending ? '' : 'ok');
    };

    function rememberCheckpoint(note, verifier) {
        try {
            window.localStorage.setItem(LAST_CHECKPOINT, JSON.stringify({ key: verifier.text, note: note }));
        } catch (unavailable) {
            // without storage there is no history to compare with next time
        }
    }

    /** The checkpoint this browser verified last with the same key, verified again, or null. */
    async function lastCheckpoint(verifier) {
        try {
            var stored = JSON.parse(window.localStorage.getItem(LAST_CHECKPOINT) || 'null');
            if (!stored || stored.key !== verifier.text || typeof stored.note !== 'string') {
                return null;
            }
            var earlier = parseCheckpoint(await verifyNote(stored.note, verifier));
            earlier.note = stored.note;
            return earlier;
        } catch (unusable) {
            return null;
        }
    }

    /**
     * Compares the checkpoint just verified with the one this browser verified last (with the same key): a log only
     * grows, so the smaller must be a prefix of the larger (RFC 9162 consistency proof, checked here against the two
     * signed roots). The newest consistent checkpoint is kept for next time; an inconsistent one is not.
     */
    Panel.prototype.checkHistory = async function (note, checkpoint, verifier) {
        var earlier = await lastCheckpoint(verifier);
        if (!earlier) {
            rememberCheckpoint(note, verifier);
            this.say('history', 'Your browser keeps this checkpoint, to check next time that the log only grew.',
                'muted');
            return 'none';
        }
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
            rememberCheckpoint(note, verifier);
            this.say('history', 'The log only grew since your browser verified it before: tree size ' + before
                + ' to ' + now + ', ' + VERIFIED + '.', 'ok');
        } else {
            this.say('history', 'The service showed an older checkpoint (tree size ' + now + ') than the one your '
                + 'browser verified before (' + before + '); the two are consistent, ' + VERIFIED + '.', 'muted');
        }
        return 'ok';
    };

    Panel.prototype.showCheckpoint = function (checkpoint, verifier) {
        this.say('checkpoint-result', 'Checkpoint ' + VERIFIED + ': signed by your pinned key.', 'ok');
        this.say('origin', checkpoint.origin, '');
        this.say('tree-size', checkpoint.treeSize.toString(), '');
        this.say('root-hash', bytesToHex(checkpoint.rootHash), '');
        this.say('signer', verifier.keyName + ' (key ID ' + verifier.keyId + ')', '');
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
                panel.pin(panel.root.querySelector('[data-verify="key-input"]').value);
            } else if (name === 'pin-server') {
                if (panel.serverKey) {
                    panel.pin(panel.serverKey.text);
                } else {
                    panel.say('key-result', 'The service\'s key is not known; paste the key instead.', 'bad');
                }
            } else if (name === 'forget') {
                panel.forget();
            }
        });
        this.part('ready').hidden = false;
        this.loadServerKey();
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
