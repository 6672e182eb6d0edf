package io.incidentledger.ledger.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.incidentledger.ledger.bundle.AuditBundleExporter;
import io.incidentledger.ledger.chain.EventHash;
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
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/ledger-format.md. Every expected value was computed independently with Python's
 * hashlib and the cryptography package's Ed25519 from the byte layouts the document specifies.
 */
class OfflineVerifierWorkedExampleTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String INCIDENT = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final byte[] PAYLOAD = ("{\"incidentId\":{\"value\":\"" + INCIDENT + "\"},\"title\":\"Key leak\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] META_DATA = "{\"actor\":\"responder\"}".getBytes(StandardCharsets.UTF_8);

    private static final String FIRST_INPUT = "696e636964656e742d6c65646765722f6576656e742f76310a0000002430623661"
            + "356639652d316332642d346533662d386137622d3963306431653266336134620000002436663163326137652d336234642d346535"
            + "662d386139622d30633164326533663461356200000008496e636964656e74000000000000000000000018323032362d31312d3233"
            + "5430383a33303a30302e3030305a0000002f696f2e696e636964656e746c65646765722e696e636964656e742e6170692e496e6369"
            + "64656e745265706f727465640000000131000000527b22696e636964656e744964223a7b2276616c7565223a2236663163326137"
            + "652d336234642d346535662d386139622d306331643265336634613562227d2c227469746c65223a224b6579206c65616b227d0000"
            + "00157b226163746f72223a22726573706f6e646572227d00000000000000000000000000000000000000000000000000000000000000"
            + "00";
    private static final String FIRST_HASH = "56a9860dd82d9d9dd200c5bd9791cee6e846e12ee989cd4777da0cf31242df73";
    private static final String SECOND_HASH = "fff1a7fd2e8cbd2de72b3aa5b6243239525e553d7016282b014e7f606a178f60";
    private static final String FIRST_LEAF = "b8d20cdeed7fdda1a9b116bfa58fc8ecc524dc93ad1a001793a60200daa67d2f";
    private static final String SECOND_LEAF = "4fd1357907de3442038c5d28459d146427117cf8041fdbc277c1639444a6a4be";
    private static final String ROOT = "32c86a91bd150837e7ad56634a1c58e963aecb06d10ba010385c16d15d599b42";
    private static final String ORIGIN = "example.org/incident-log";
    private static final byte[] SEED = HEX.parseHex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    private static final String VERIFIER_KEY =
            "example.org/incident-log+45d3e6b5+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk";
    private static final String CHECKPOINT_TEXT = "example.org/incident-log\n2\n"
            + "Mshqkb0VCDfnrVZjShxY6WOuywbRC6AQOFwW0V1Zm0I=\n";
    private static final String SIGNED_CHECKPOINT = CHECKPOINT_TEXT + "\n\u2014 example.org/incident-log "
            + "RdPmtcrEP+o85EAuIju4e0m0KTaqBTiTo2L3BnWnQaPVFLR7YlMbGJ8q/bH5UNYvz9I5HxZzq4iDVKacPvty5+EPgw8=\n";

    private static final String WITNESS = "witness.example.org/w1";
    private static final String WITNESS_KEY =
            "witness.example.org/w1+69ae58f5+BOfxYqEL7FWa/qGV5NzoS2lWjV0ssJY+tEbAaF4rF/Lw";
    private static final String COSIGNATURE_LINE = "\u2014 witness.example.org/w1 aa5Y9QAAAABrFRYAkLBfcAWLLClTpz9mD1wE"
            + "02PBr2gRNOAlNHzDBvIVro18Ab1m0YTgerZ5AixfhTnG14KNgY5Akd4gFVscqPmGCg==";

    @Test
    void theDocumentedValuesAreWhatTheCodeComputes() {
        byte[] first = EventHash.of("0b6a5f9e-1c2d-4e3f-8a7b-9c0d1e2f3a4b", INCIDENT, "Incident", 0,
                "2026-11-23T08:30:00.000Z", "io.incidentledger.incident.api.IncidentReported", "1", PAYLOAD,
                META_DATA, EventHash.GENESIS);
        byte[] second = EventHash.of("ev-2", "agg", null, 1, "2026-11-23T08:31:00Z", "x.Y", null, new byte[0], null,
                first);
        assertThat(HEX.formatHex(first)).isEqualTo(FIRST_HASH);
        assertThat(HEX.formatHex(sha256(HEX.parseHex(FIRST_INPUT)))).isEqualTo(FIRST_HASH);
        assertThat(HEX.formatHex(second)).isEqualTo(SECOND_HASH);

        assertThat(HEX.formatHex(MerkleHashes.leafHash(first))).isEqualTo(FIRST_LEAF);
        assertThat(HEX.formatHex(MerkleHashes.leafHash(second))).isEqualTo(SECOND_LEAF);
        InMemoryNodeSource nodes = new InMemoryNodeSource();
        nodes.append(first);
        nodes.append(second);
        MerkleTree tree = new MerkleTree(nodes);
        assertThat(HEX.formatHex(tree.root(2))).isEqualTo(ROOT);
        assertThat(HEX.formatHex(tree.root(1))).isEqualTo(FIRST_LEAF);
        assertThat(tree.inclusionProof(0, 2)).singleElement().satisfies(h -> assertThat(HEX.formatHex(h))
                .isEqualTo(SECOND_LEAF));
        assertThat(tree.consistencyProof(1, 2)).singleElement().satisfies(h -> assertThat(HEX.formatHex(h))
                .isEqualTo(SECOND_LEAF));
        assertThat(ProofVerifier.verifyConsistency(1, 2, HEX.parseHex(FIRST_LEAF), HEX.parseHex(ROOT),
                List.of(HEX.parseHex(SECOND_LEAF)))).isTrue();

        assertThat(new Checkpoint(ORIGIN, 2, tree.root(2)).toNoteText()).isEqualTo(CHECKPOINT_TEXT);
        NoteSigner signer = new NoteSigner(ORIGIN, new Ed25519PrivateKeyParameters(SEED, 0));
        assertThat(signer.verifierKey()).isEqualTo(VERIFIER_KEY);
        assertThat(String.format("%08x", signer.keyId())).isEqualTo("45d3e6b5");
        assertThat(signer.sign(CHECKPOINT_TEXT)).isEqualTo(SIGNED_CHECKPOINT);
        assertThat(new NoteVerifier(VERIFIER_KEY).verify(SIGNED_CHECKPOINT)).isEqualTo(CHECKPOINT_TEXT);

        assertThat(AuditBundleExporter.tlogProof(0, tree.inclusionProof(0, 2), SIGNED_CHECKPOINT))
                .isEqualTo("c2sp.org/tlog-proof@v1\nindex 0\nT9E1eQfeNEIDjF0oRZ0UZCcRfPgEH9vCd8FjlESmpL4=\n\n"
                        + SIGNED_CHECKPOINT);
    }

    @Test
    void theDocumentedCosignatureIsWhatTheCodeComputes(@TempDir Path directory) throws IOException {
        byte[] seed = HEX.parseHex("2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40");
        byte[] encoded = new byte[33];
        encoded[0] = 0x04;
        System.arraycopy(seed, 0, encoded, 1, 32);
        Path keyFile = Files.writeString(directory.resolve("witness.key"), "PRIVATE+KEY+" + WITNESS + "+69ae58f5+"
                + Base64.getEncoder().encodeToString(encoded) + "\n");
        CosignerKey witness = CosignerKey.load(keyFile);

        assertThat(witness.verifierKey()).isEqualTo(WITNESS_KEY);
        SignedNote.Signature cosignature = witness.cosign(CHECKPOINT_TEXT, 1796544000L);
        assertThat(cosignature.toLine()).isEqualTo(COSIGNATURE_LINE);
        assertThat(CosignatureVerifier.fromVerifierKey(WITNESS_KEY).verify(CHECKPOINT_TEXT, cosignature))
                .hasValue(1796544000L);
        String cosigned = SIGNED_CHECKPOINT + COSIGNATURE_LINE + "\n";
        assertThat(new NoteVerifier(VERIFIER_KEY).verify(cosigned)).isEqualTo(CHECKPOINT_TEXT);
        assertThat(WitnessQuorum.of(List.of(WITNESS_KEY), 1).check(cosigned))
                .isEqualTo("; cosigned by 1 of 1 trusted witnesses (" + WITNESS + "), quorum 1");
    }

    private static byte[] sha256(byte[] input) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(input);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
