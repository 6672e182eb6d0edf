package io.incidentledger.console.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.CosignatureVerifier;
import io.incidentledger.ledger.log.CosignerKey;
import io.incidentledger.ledger.log.InMemoryNodeSource;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.MerkleTree;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.ProofVerifier;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.ledger.offline.OfflineKeyChecks;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * verify.js's functions, run in a real browser, answer exactly as the Java verifier does (ProofVerifier's inclusion
 * and consistency checks, NoteVerifier, Checkpoint.parse, CosignatureVerifier, and the offline verifier's keys file
 * and witness quorum through {@link OfflineKeyChecks}) on vectors the Java code makes: valid proofs, notes, keys
 * files and cosignatures, and each of them altered. Neither side is taken as the truth alone: both must agree, the
 * vectors must hold valid and invalid cases, and the worked example of docs/ledger-format.md must verify.
 */
@RequiresBrowser
class VerifyScriptAgreesWithJavaTest extends VerifyPanelApplication {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REFUSED = "refused";
    private static final int LEAVES = 13;

    /** The worked example of docs/ledger-format.md, section 7. */
    private static final byte[] SEED = HEX.parseHex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    private static final String NAME = "example.org/incident-log";
    private static final String EXAMPLE_KEY = "example.org/incident-log+45d3e6b5+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk";
    private static final String EXAMPLE_NOTE = """
            example.org/incident-log
            2
            Mshqkb0VCDfnrVZjShxY6WOuywbRC6AQOFwW0V1Zm0I=

            \u2014 example.org/incident-log RdPmtcrEP+o85EAuIju4e0m0KTaqBTiTo2L3BnWnQaPVFLR7YlMbGJ8q/bH5UNYvz9I5HxZzq4iDVKacPvty5+EPgw8=
            """;

    @LocalServerPort
    int port;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    private RealBrowser browser;

    /** A public page with verify.js added as a file of the service, as the Content-Security-Policy allows. */
    @BeforeEach
    void aPageWithTheScript() {
        browser = browsers.open(port).go("/login");
        browser.execute("""
                const script = document.createElement('script');
                script.src = '/console/assets/verify.js';
                document.head.appendChild(script);""");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(browser.execute("return !!window.IncidentLedgerVerify")));
    }

    @Test
    void inclusionProofsOfEveryLeafOfTreesUpToThirteenLeavesAndTheirAlterationsAreJudgedAlike() {
        InMemoryNodeSource nodes = new InMemoryNodeSource();
        for (int i = 0; i < LEAVES; i++) {
            nodes.append(sha256(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        MerkleTree tree = new MerkleTree(nodes);
        List<Map<String, Object>> cases = new ArrayList<>();
        List<Integer> genuine = new ArrayList<>();
        for (long size = 1; size <= LEAVES; size++) {
            for (long index = 0; index < size; index++) {
                byte[] leaf = MerkleHashes.leafHash(sha256(("entry " + index).getBytes(StandardCharsets.UTF_8)));
                List<byte[]> path = tree.inclusionProof(index, size);
                byte[] root = tree.root(size);
                genuine.add(cases.size());
                cases.add(inclusion(leaf, index, size, path, root));
                if (!path.isEmpty()) {
                    List<byte[]> flipped = new ArrayList<>(path);
                    byte[] changed = flipped.get((int) (index % path.size())).clone();
                    changed[(int) (size % 32)] ^= 0x01;
                    flipped.set((int) (index % path.size()), changed);
                    cases.add(inclusion(leaf, index, size, flipped, root));
                    cases.add(inclusion(leaf, index, size, path.subList(0, path.size() - 1), root));
                }
                cases.add(inclusion(leaf, index ^ 1, size, path, root));
                cases.add(inclusion(leaf, index, size + 1, path, root));
                cases.add(inclusion(leaf, index, size, append(path, root), root));
                cases.add(inclusion(leaf, index, size, path, tree.root(size == 1 ? 2 : size - 1)));
                cases.add(inclusion(MerkleHashes.nodeHash(leaf, leaf), index, size, path, root));
                cases.add(inclusion(leaf, -1, size, path, root));
                cases.add(inclusion(leaf, index, size, append(path, new byte[31]), root));
            }
        }
        List<String> java = cases.stream().map(c -> String.valueOf(ProofVerifier.verifyInclusion(
                HEX.parseHex((String) c.get("leaf")), ((Number) c.get("index")).longValue(),
                ((Number) c.get("size")).longValue(), hashes(c.get("path")), HEX.parseHex((String) c.get("root")))))
                .toList();

        List<String> browserAnswers = inBrowser(cases, """
                c => V.verifyInclusion(V.hexToBytes(c.leaf), c.index, c.size, c.path.map(h => V.hexToBytes(h)),
                        V.hexToBytes(c.root)).then(String)""");

        assertThat(browserAnswers).isEqualTo(java);
        assertThat(genuine).hasSize(LEAVES * (LEAVES + 1) / 2).allMatch(i -> java.get(i).equals("true"));
        // some alterations still prove the leaf (a path of size n can be one of size n + 1 too): most do not
        assertThat(java.stream().filter("false"::equals).count()).isGreaterThan(cases.size() / 2);
    }

    @Test
    void consistencyProofsBetweenEveryPairOfTreeSizesUpToThirteenAndTheirAlterationsAreJudgedAlike() {
        InMemoryNodeSource nodes = new InMemoryNodeSource();
        for (int i = 0; i < LEAVES; i++) {
            nodes.append(sha256(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        MerkleTree tree = new MerkleTree(nodes);
        List<Map<String, Object>> cases = new ArrayList<>();
        List<Integer> genuine = new ArrayList<>();
        for (long to = 1; to <= LEAVES; to++) {
            for (long from = 1; from <= to; from++) {
                List<byte[]> proof = tree.consistencyProof(from, to);
                byte[] fromRoot = tree.root(from);
                byte[] toRoot = tree.root(to);
                genuine.add(cases.size());
                cases.add(consistency(from, to, fromRoot, toRoot, proof));
                if (!proof.isEmpty()) {
                    List<byte[]> flipped = new ArrayList<>(proof);
                    byte[] changed = flipped.get((int) (from % proof.size())).clone();
                    changed[(int) (to % 32)] ^= 0x01;
                    flipped.set((int) (from % proof.size()), changed);
                    cases.add(consistency(from, to, fromRoot, toRoot, flipped));
                    cases.add(consistency(from, to, fromRoot, toRoot, proof.subList(1, proof.size())));
                }
                cases.add(consistency(from, to, toRoot, fromRoot, proof));
                cases.add(consistency(from, to, fromRoot, tree.root(to == 1 ? 2 : to - 1), proof));
                cases.add(consistency(from, to + 1, fromRoot, toRoot, proof));
                cases.add(consistency(0, to, fromRoot, toRoot, proof));
                cases.add(consistency(from, to, fromRoot, toRoot, append(proof, toRoot)));
            }
        }
        List<String> java = cases.stream().map(c -> String.valueOf(ProofVerifier.verifyConsistency(
                ((Number) c.get("from")).longValue(), ((Number) c.get("to")).longValue(),
                HEX.parseHex((String) c.get("fromRoot")), HEX.parseHex((String) c.get("toRoot")),
                hashes(c.get("path"))))).toList();

        List<String> browserAnswers = inBrowser(cases, """
                c => V.verifyConsistency(c.from, c.to, V.hexToBytes(c.fromRoot), V.hexToBytes(c.toRoot),
                        c.path.map(h => V.hexToBytes(h))).then(String)""");

        assertThat(browserAnswers).isEqualTo(java);
        assertThat(genuine).hasSize(LEAVES * (LEAVES + 1) / 2).allMatch(i -> java.get(i).equals("true"));
        assertThat(java.stream().filter("false"::equals).count()).isGreaterThan(cases.size() / 2);
    }

    @Test
    void signedNotesAndTheirAlterationsAreAcceptedWithTheSameTextOrRefusedAlike() {
        NoteSigner signer = new NoteSigner(NAME, new Ed25519PrivateKeyParameters(SEED, 0));
        NoteSigner other = new NoteSigner("witness.example/w1", new Ed25519PrivateKeyParameters(sha256(SEED), 0));
        NoteSigner sameName = new NoteSigner(NAME, new Ed25519PrivateKeyParameters(sha256(sha256(SEED)), 0));
        String key = signer.verifierKey();
        String text = new Checkpoint(NAME, 7, sha256("root".getBytes(StandardCharsets.UTF_8))).toNoteText();
        String note = signer.sign(text);
        String signatureLine = note.substring(note.indexOf("\n\n") + 2);
        String otherLine = other.sign(text).substring(other.sign(text).indexOf("\n\n") + 2);
        String sameNameLine = sameName.sign(text).substring(sameName.sign(text).indexOf("\n\n") + 2);
        byte[] signature = Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1).trim());
        byte[] flipped = signature.clone();
        flipped[20] ^= 0x40;
        byte[] shortened = java.util.Arrays.copyOf(signature, signature.length - 1);
        String unicodeText = "été.example/log\n3\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";

        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(note(note, key));
        cases.add(note(EXAMPLE_NOTE, EXAMPLE_KEY));
        cases.add(note(EXAMPLE_NOTE, EXAMPLE_KEY.replace("+45d3e6b5+", "+45D3E6B5+")));
        cases.add(note(EXAMPLE_NOTE, EXAMPLE_KEY.replace("+45d3e6b5+", "+45d3e6b6+")));
        cases.add(note(EXAMPLE_NOTE, EXAMPLE_KEY.replace("AXm1", "Anm1")));
        cases.add(note(EXAMPLE_NOTE, EXAMPLE_KEY.substring(0, EXAMPLE_KEY.length() - 1)));
        cases.add(note(EXAMPLE_NOTE, "example.org/incident-log+45d3e6b5"));
        cases.add(note(EXAMPLE_NOTE.replace("\n2\n", "\n3\n"), EXAMPLE_KEY));
        cases.add(note(note.replace("\n7\n", "\n8\n"), key));
        cases.add(note(text + "\n" + line(NAME, signer.keyId(), flipped), key));
        cases.add(note(text + "\n" + line(NAME, signer.keyId(), shortened), key));
        cases.add(note(note.substring(0, note.length() - 2) + "\n", key));
        cases.add(note(note + otherLine, key));
        cases.add(note(text + "\n" + otherLine + signatureLine, key));
        cases.add(note(text + "\n" + otherLine, key));
        cases.add(note(text + "\n" + sameNameLine, key));
        cases.add(note(note + line(NAME, signer.keyId(), flipped), key));
        cases.add(note(note.replace(NAME + "\n7", NAME + "\t\n7"), key));
        cases.add(note(note.replace("\n", "\r\n"), key));
        cases.add(note(note.replace("\n\n", "\n"), key));
        cases.add(note(note.substring(0, note.length() - 1), key));
        cases.add(note(note + "\n", key));
        cases.add(note(note.replace("\u2014 ", "- "), key));
        cases.add(note(note + "\u2014 bad\u00a0name " + Base64.getEncoder().encodeToString(new byte[68]) + "\n", key));
        cases.add(note(note + "\u2014 short AAAA\n", key));
        cases.add(note(note + ("\u2014 w " + Base64.getEncoder().encodeToString(new byte[68]) + "\n").repeat(100),
                key));
        cases.add(note(signer.sign(text + "extension line\n"), key));
        cases.add(note(signer.sign(unicodeText), key));
        cases.add(note(signer.sign(unicodeText).replace("été", "ete"), key));

        List<String> java = cases.stream().map(c -> {
            try {
                return new NoteVerifier((String) c.get("key")).verify((String) c.get("note"));
            } catch (RuntimeException refused) {
                return REFUSED;
            }
        }).toList();

        List<String> browserAnswers = inBrowser(cases, """
                c => V.parseVerifierKey(c.key).then(key => V.verifyNote(c.note, key)).catch(() => 'refused')""");

        assertThat(browserAnswers).isEqualTo(java);
        assertThat(java.get(1)).isEqualTo("example.org/incident-log\n2\nMshqkb0VCDfnrVZjShxY6WOuywbRC6AQOFwW0V1Zm0I=\n");
        assertThat(java).contains(REFUSED);
        assertThat(java.stream().filter(REFUSED::equals).count()).isLessThan(java.size() - 5);
    }

    @Test
    void checkpointBodiesAreReadOrRefusedAlike() {
        String root = Base64.getEncoder().encodeToString(sha256(new byte[0]));
        List<String> texts = List.of(
                "log\n0\n" + root + "\n",
                "log\n7\n" + root + "\n",
                "example.org/incident-log\n2\nMshqkb0VCDfnrVZjShxY6WOuywbRC6AQOFwW0V1Zm0I=\n",
                "log\n7\n" + root + "\nan extension\nanother\n",
                "log\n9223372036854775807\n" + root + "\n",
                "log\n9223372036854775808\n" + root + "\n",
                "log\n07\n" + root + "\n",
                "log\n-1\n" + root + "\n",
                "log\n7\n" + root,
                "log\n7\n",
                "log\n\n7\n" + root + "\n",
                "log\n7\n" + root + "\n\n",
                "log\n7\n" + root.replace("=", "") + "\n",
                "log\n7\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
                "log\n7\n" + Base64.getEncoder().encodeToString(new byte[33]) + "\n",
                "\n7\n" + root + "\n");
        List<Map<String, Object>> cases = texts.stream().map(text -> Map.<String, Object>of("text", text)).toList();

        List<String> java = texts.stream().map(text -> {
            try {
                Checkpoint checkpoint = Checkpoint.parse(text);
                return checkpoint.origin() + "|" + checkpoint.treeSize() + "|" + HEX.formatHex(checkpoint.rootHash())
                        + "|" + String.join(",", checkpoint.extensions());
            } catch (RuntimeException refused) {
                return REFUSED;
            }
        }).toList();

        List<String> browserAnswers = inBrowser(cases, """
                c => Promise.resolve().then(() => V.parseCheckpoint(c.text))
                        .then(p => p.origin + '|' + p.treeSize + '|' + V.bytesToHex(p.rootHash) + '|'
                                + p.extensions.join(','))
                        .catch(() => 'refused')""");

        assertThat(browserAnswers).isEqualTo(java);
        assertThat(java).contains(REFUSED).contains("log|9223372036854775807|" + HEX.formatHex(sha256(new byte[0])) + "|");
    }

    @Test
    void keysFilesAreReadOrRefusedAsTheOfflineVerifierReadsThem() {
        String a = signer(1).verifierKey();
        String b = signer(2).verifierKey();
        String upper = a.replaceFirst("\\+([0-9a-f]{8})\\+", "+" + a.split("\\+")[1].toUpperCase() + "+");
        List<String> files = List.of(
                a,
                a + "\n",
                "# " + NAME + ", from GET /api/ledger/keys\n" + a + " 0-812\n" + b + " 813-\n",
                "\n\n" + a + " 0-812\n\n# the current key\n" + b + " 813-",
                "  " + a + " \t 0-812   \r\n" + b + "\t813-\r\n",
                "\u2003" + a + " 0-5\u3000",
                "\u00a0" + a + " 0-5",
                a + "\u00a00-5",
                upper + " 0-5",
                a + " 5-3",
                a + " 3-3",
                a + " 05-7",
                a + " -7",
                a + " 0-5 extra",
                a + " 0 5",
                a + " 0-",
                a + " 9223372036854775807-",
                a + " 0-9223372036854775807",
                a + " 9223372036854775808-",
                a + " 99999999999999999999-",
                a + " 0-812\n" + a.replace("+", "+x") + " 813-",
                a.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+") + " 0-",
                CosignerKey.generate("witness.example/w", new java.security.SecureRandom()).verifierKey(),
                "# nothing but a comment\n",
                "");
        List<Map<String, Object>> cases = files.stream().map(file -> Map.<String, Object>of("file", file)).toList();

        List<String> java = files.stream().map(OfflineKeyChecks::keysFile).toList();

        List<String> browserAnswers = inBrowser(cases, """
                c => V.parseKeysFile(c.file)
                        .then(keys => keys.map(k => k.verifier.text + ' ' + k.first + '-' + (k.last === null ? ''
                                : k.last)).join('\\n'))
                        .catch(() => 'refused')""");

        assertThat(browserAnswers).isEqualTo(java);
        assertThat(java.get(2)).isEqualTo(a + " 0-812\n" + b + " 813-");
        assertThat(java.get(0)).isEqualTo(a + " 0-");
        assertThat(java.stream().filter(REFUSED::equals).count()).isBetween(8L, (long) files.size() - 8);
    }

    @Test
    void checkpointsAreCheckedWithThePinnedKeyForTheirTreeSizeAsTheOfflineVerifierChecksThem() {
        NoteSigner old = signer(1);
        NoteSigner current = signer(2);
        NoteSigner stranger = signer(3);
        String rotated = old.verifierKey() + " 0-10\n" + current.verifierKey() + " 11-\n";
        String oldOnly = old.verifierKey() + " 0-10\n";
        String twice = old.verifierKey() + " 0-10\n" + old.verifierKey() + " 20-30\n";
        CosignerKey witness = CosignerKey.generate("witness.example/w", new java.security.SecureRandom());
        String five = checkpointText(5);
        String eleven = checkpointText(11);

        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(keysAndNote(rotated, old.sign(five)));
        cases.add(keysAndNote(rotated, old.sign(checkpointText(10))));
        cases.add(keysAndNote(rotated, old.sign(eleven)));
        cases.add(keysAndNote(rotated, current.sign(eleven)));
        cases.add(keysAndNote(rotated, current.sign(checkpointText(1000))));
        cases.add(keysAndNote(rotated, current.sign(five)));
        cases.add(keysAndNote(rotated, stranger.sign(eleven)));
        cases.add(keysAndNote(rotated, old.sign(eleven) + signatureLines(current.sign(eleven))));
        cases.add(keysAndNote(rotated, current.sign(eleven) + signatureLines(old.sign(eleven))));
        cases.add(keysAndNote(rotated, old.sign(five) + lineOf(witness.cosign(five, 1_796_544_000L))));
        cases.add(keysAndNote(rotated, current.sign(eleven).replace("\n11\n", "\n12\n")));
        cases.add(keysAndNote(rotated, current.sign(eleven).replace("\n\n", "\n")));
        cases.add(keysAndNote(rotated, current.sign("not a checkpoint\n")));
        cases.add(keysAndNote(oldOnly, current.sign(eleven)));
        cases.add(keysAndNote(oldOnly, old.sign(eleven)));
        cases.add(keysAndNote(old.verifierKey(), old.sign(checkpointText(100_000))));
        cases.add(keysAndNote(twice, old.sign(checkpointText(25))));
        cases.add(keysAndNote(twice, old.sign(five)));
        List<Integer> unpinned = List.of(6, 13);

        List<String> java = cases.stream()
                .map(c -> OfflineKeyChecks.checkpoint((String) c.get("keys"), (String) c.get("note"))).toList();

        List<String> browserAnswers = inBrowser(cases, """
                c => V.parseKeysFile(c.keys).then(keys => V.verifyCheckpointWithKeys(c.note, keys))
                        .then(verified => verified.text, e => e.unpinned ? 'unpinned' : 'refused')""");

        assertThat(browserAnswers.stream().map(answer -> answer.equals("unpinned") ? REFUSED : answer).toList())
                .isEqualTo(java);
        for (int i = 0; i < browserAnswers.size(); i++) {
            assertThat(browserAnswers.get(i).equals("unpinned")).as("case %d is signed by no pinned key", i)
                    .isEqualTo(unpinned.contains(i));
        }
        assertThat(java.get(0)).isEqualTo(five);
        assertThat(java.get(2)).as("a retired key's signature beyond its range").isEqualTo(REFUSED);
        assertThat(java.get(3)).isEqualTo(eleven);
        assertThat(java.get(9)).as("a cosignature line beside the log's").isEqualTo(five);
        assertThat(java.get(16)).as("the first entry of a key twice listed decides its range").isEqualTo(REFUSED);
    }

    @Test
    void cosignaturesAreVerifiedAndCountedAsTheOfflineVerifierDoes() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        CosignerKey first = CosignerKey.generate("witness.example/first", random);
        CosignerKey second = CosignerKey.generate("witness.example/second", random);
        CosignerKey third = CosignerKey.generate("witness.example/third", random);
        CosignerKey impostor = CosignerKey.generate("witness.example/first", random);
        NoteSigner log = signer(1);
        String body = checkpointText(7);
        String note = log.sign(body);
        SignedNote.Signature byFirst = first.cosign(body, 1_796_544_000L);
        SignedNote.Signature bySecond = second.cosign(body, 0L);
        SignedNote.Signature late = third.cosign(body, Long.MAX_VALUE);
        SignedNote.Signature otherBody = first.cosign(checkpointText(8), 1_796_544_000L);
        SignedNote.Signature impostors = impostor.cosign(body, 1_796_544_000L);
        byte[] flipped = byFirst.signature().clone();
        flipped[40] ^= 0x01;
        byte[] negative = byFirst.signature().clone();
        negative[0] |= (byte) 0x80;
        byte[] earlier = byFirst.signature().clone();
        earlier[7] ^= 0x01;
        byte[] shortened = java.util.Arrays.copyOf(byFirst.signature(), 71);
        List<SignedNote.Signature> lines = List.of(byFirst, bySecond, late, otherBody, impostors,
                new SignedNote.Signature(first.name(), first.keyId(), flipped),
                new SignedNote.Signature(first.name(), first.keyId(), negative),
                new SignedNote.Signature(first.name(), first.keyId(), earlier),
                new SignedNote.Signature(first.name(), first.keyId(), shortened),
                SignedNote.parse(log.sign(body)).signatures().get(0));
        List<String> keys = List.of(first.verifierKey(), second.verifierKey(), third.verifierKey(),
                impostor.verifierKey(), log.verifierKey());

        List<Map<String, Object>> lineCases = new ArrayList<>();
        List<String> javaLines = new ArrayList<>();
        for (String key : keys) {
            for (SignedNote.Signature line : lines) {
                lineCases.add(Map.of("key", key, "note", body + "\n" + lineOf(line)));
                String answer;
                try {
                    OptionalLong time = CosignatureVerifier.fromVerifierKey(key).verify(body, line);
                    answer = time.isPresent() ? String.valueOf(time.getAsLong()) : "none";
                } catch (IllegalArgumentException refused) {
                    answer = REFUSED;
                }
                javaLines.add(answer);
            }
        }
        List<String> browserLines = inBrowser(lineCases, """
                c => V.parseCosignerKey(c.key).then(key => {
                            const note = V.parseSignedNote(c.note);
                            return V.verifyCosignature(note.text, note.signatures[0], key);
                        }).then(time => time === null ? 'none' : time.toString(), () => 'refused')""");

        assertThat(browserLines).isEqualTo(javaLines);
        assertThat(javaLines.subList(0, 3)).containsExactly("1796544000", "none", "none");
        assertThat(javaLines).contains("0", String.valueOf(Long.MAX_VALUE), REFUSED);

        String both = note + lineOf(byFirst) + lineOf(bySecond);
        List<Map<String, Object>> quorumCases = List.of(
                quorum(both, List.of(first, second), 2),
                quorum(both, List.of(first, second, third), 2),
                quorum(both, List.of(first, second, third), 3),
                quorum(note + lineOf(byFirst), List.of(first, second), 1),
                quorum(note + lineOf(byFirst) + lineOf(byFirst), List.of(first, second), 2),
                quorum(note, List.of(first), 1),
                quorum(note + lineOf(bySecond) + lineOf(new SignedNote.Signature(first.name(), first.keyId(),
                        flipped)), List.of(first, second), 1),
                quorum(note + lineOf(new SignedNote.Signature(first.name(), first.keyId(), flipped)),
                        List.of(second), 1),
                quorum(both + lineOf(impostors), List.of(first, second), 2),
                quorum(both + lineOf(impostors), List.of(impostor, second), 1),
                quorum(note + lineOf(otherBody), List.of(first), 1),
                quorum(both + lineOf(late), List.of(third, second, first), 3));
        List<String> javaQuorum = quorumCases.stream().map(c -> {
            @SuppressWarnings("unchecked")
            List<String> witnesses = (List<String>) c.get("witnesses");
            return OfflineKeyChecks.witnesses(witnesses, ((Number) c.get("quorum")).intValue(),
                    (String) c.get("note"));
        }).toList();

        List<String> browserQuorum = inBrowser(quorumCases, """
                c => Promise.all(c.witnesses.map(k => V.parseCosignerKey(k)))
                        .then(keys => V.checkCosignatures(c.note, keys))
                        .then(results => {
                            const cosigned = results.filter(r => r.time !== null).map(r => r.witness.keyName);
                            return cosigned.length < c.quorum ? 'refused'
                                : '; cosigned by ' + cosigned.length + ' of ' + results.length
                                    + ' trusted witnesses (' + cosigned.join(', ') + '), quorum ' + c.quorum;
                        }, () => 'refused')""");

        assertThat(browserQuorum).isEqualTo(javaQuorum);
        assertThat(javaQuorum.get(0)).isEqualTo("; cosigned by 2 of 2 trusted witnesses (witness.example/first, "
                + "witness.example/second), quorum 2");
        assertThat(javaQuorum.stream().filter(REFUSED::equals).count()).isBetween(3L, 8L);
    }

    @Test
    void theLeafHashAndRootOfTheWorkedExampleAreThoseOfTheFormatDocument() {
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const V = window.IncidentLedgerVerify;
                (async () => {
                    const leaf0 = await V.leafHash(V.hexToBytes(
                            '56a9860dd82d9d9dd200c5bd9791cee6e846e12ee989cd4777da0cf31242df73'));
                    const leaf1 = await V.leafHash(V.hexToBytes(
                            'fff1a7fd2e8cbd2de72b3aa5b6243239525e553d7016282b014e7f606a178f60'));
                    return [V.bytesToHex(leaf0), V.bytesToHex(await V.nodeHash(leaf0, leaf1))].join(' ');
                })().then(done, e => done('error: ' + e));""");

        assertThat(answer).isEqualTo("b8d20cdeed7fdda1a9b116bfa58fc8ecc524dc93ad1a001793a60200daa67d2f "
                + "32c86a91bd150837e7ad56634a1c58e963aecb06d10ba010385c16d15d599b42");
    }

    /** Runs {@code function} (of one case, giving a promise of a string) on every case in the browser. */
    @SuppressWarnings("unchecked")
    private List<String> inBrowser(List<Map<String, Object>> cases, String function) {
        Object answers = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const V = window.IncidentLedgerVerify;
                const cases = JSON.parse(arguments[0]);
                const run = %s;
                (async () => {
                    const out = [];
                    for (const c of cases) {
                        out.push(await run(c));
                    }
                    return out;
                })().then(done, e => done('error: ' + e));""".formatted(function), JSON.writeValueAsString(cases));
        assertThat(answers).isInstanceOf(List.class);
        return (List<String>) answers;
    }

    /** A log key made from the worked example's seed hashed {@code n} times. */
    private static NoteSigner signer(int n) {
        byte[] seed = SEED;
        for (int i = 0; i < n; i++) {
            seed = sha256(seed);
        }
        return new NoteSigner(NAME, new Ed25519PrivateKeyParameters(seed, 0));
    }

    private static String checkpointText(long size) {
        return new Checkpoint(NAME, size, sha256(("root " + size).getBytes(StandardCharsets.UTF_8))).toNoteText();
    }

    /** The signature lines of a signed note. */
    private static String signatureLines(String note) {
        return note.substring(note.lastIndexOf("\n\n") + 2);
    }

    /** A signature line with its final newline. */
    private static String lineOf(SignedNote.Signature signature) {
        return signature.toLine() + "\n";
    }

    private static Map<String, Object> keysAndNote(String keys, String note) {
        return Map.of("keys", keys, "note", note);
    }

    private static Map<String, Object> quorum(String note, List<CosignerKey> witnesses, int quorum) {
        return Map.of("note", note, "witnesses", witnesses.stream().map(CosignerKey::verifierKey).toList(),
                "quorum", quorum);
    }

    private static Map<String, Object> inclusion(byte[] leaf, long index, long size, List<byte[]> path, byte[] root) {
        return Map.of("leaf", HEX.formatHex(leaf), "index", index, "size", size,
                "path", path.stream().map(HEX::formatHex).toList(), "root", HEX.formatHex(root));
    }

    private static Map<String, Object> consistency(long from, long to, byte[] fromRoot, byte[] toRoot,
                                                   List<byte[]> path) {
        return Map.of("from", from, "to", to, "fromRoot", HEX.formatHex(fromRoot), "toRoot", HEX.formatHex(toRoot),
                "path", path.stream().map(HEX::formatHex).toList());
    }

    private static Map<String, Object> note(String note, String key) {
        return Map.of("note", note, "key", key);
    }

    private static String line(String name, int keyId, byte[] signature) {
        byte[] idAndSignature = java.nio.ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(idAndSignature) + "\n";
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> hashes(Object hex) {
        return ((List<String>) hex).stream().map((Function<String, byte[]>) HEX::parseHex).toList();
    }

    private static List<byte[]> append(List<byte[]> path, byte[] extra) {
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(extra);
        return longer;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
