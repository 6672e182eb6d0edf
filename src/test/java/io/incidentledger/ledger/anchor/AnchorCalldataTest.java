package io.incidentledger.ledger.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The anchor transaction's data, as docs/ledger-anchoring.md gives it for the format document's worked example. */
class AnchorCalldataTest {

    private static final byte[] ROOT = Base64.getDecoder().decode("Mshqkb0VCDfnrVZjShxY6WOuywbRC6AQOFwW0V1Zm0I=");

    @Test
    void theDataIsTheTagLineFollowedByTheCheckpointBodyByteForByte() {
        byte[] data = AnchorCalldata.of("example.org/incident-log", 2, ROOT);

        assertThat(HexFormat.of().formatHex(data)).isEqualTo("696e636964656e742d6c65646765722f616e63686f722f76310a"
                + "6578616d706c652e6f72672f696e636964656e742d6c6f670a320a"
                + "4d7368716b6230564344666e72565a6a5368785936574f7579776252433641514f4677573056315a6d30493d0a");
        assertThat(data).hasSize(98);
    }

    @Test
    void dataOfAnotherSizeRootOrOriginDoesNotCarryTheCheckpoint() {
        byte[] data = AnchorCalldata.of("example.org/incident-log", 2, ROOT);
        byte[] otherRoot = ROOT.clone();
        otherRoot[31] ^= 1;

        assertThat(AnchorCalldata.carries(data, "example.org/incident-log", 2, ROOT)).isTrue();
        assertThat(AnchorCalldata.carries(data, "example.org/incident-log", 3, ROOT)).isFalse();
        assertThat(AnchorCalldata.carries(data, "example.org/incident-log", 2, otherRoot)).isFalse();
        assertThat(AnchorCalldata.carries(data, "example.org/other-log", 2, ROOT)).isFalse();
    }
}
