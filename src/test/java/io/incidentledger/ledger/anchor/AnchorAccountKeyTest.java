package io.incidentledger.ledger.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchor account's key comes from a file or a named environment variable, and no message ever shows it. */
class AnchorAccountKeyTest {

    /** Account 0 of ganache's deterministic wallet: a published test key. */
    private static final String KEY = "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    private static final String ADDRESS = "0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1";

    @TempDir
    Path directory;

    @Test
    void theKeyIsReadFromAFileWithOrWithoutAPrefixAndANewline() throws IOException {
        Path file = Files.writeString(directory.resolve("anchor.key"), "0x" + KEY + "\n");

        assertThat(AnchorConfiguration.credentials(properties(file, null), name -> null).getAddress())
                .isEqualTo(ADDRESS);
    }

    @Test
    void theKeyIsReadFromTheEnvironmentVariableTheSettingNames() {
        assertThat(AnchorConfiguration.credentials(properties(null, "ANCHOR_KEY"), Map.of("ANCHOR_KEY", KEY)::get)
                .getAddress()).isEqualTo(ADDRESS);
    }

    @Test
    void aMalformedKeyIsRefusedWithoutShowingIt() throws IOException {
        String almost = KEY.substring(0, 63) + "z";
        Path file = Files.writeString(directory.resolve("bad.key"), almost);

        assertThatThrownBy(() -> AnchorConfiguration.credentials(properties(file, null), name -> null))
                .hasMessageContaining("is not 32 bytes of hex").hasMessageNotContaining(almost.substring(0, 16));
        assertThatThrownBy(() -> AnchorConfiguration.credentials(properties(null, "ANCHOR_KEY"),
                Map.of("ANCHOR_KEY", almost)::get))
                .hasMessageContaining("the environment variable ANCHOR_KEY")
                .hasMessageNotContaining(almost.substring(0, 16));
    }

    @Test
    void anchoringWithoutAKeyOrWithAnUnsetVariableDoesNotStart() {
        assertThatThrownBy(() -> AnchorConfiguration.credentials(properties(null, null), name -> null))
                .hasMessageContaining("no private key is configured");
        assertThatThrownBy(() -> AnchorConfiguration.credentials(properties(null, "ANCHOR_KEY"), name -> null))
                .hasMessageContaining("ANCHOR_KEY").hasMessageContaining("is not set");
    }

    private static AnchorProperties properties(Path file, String environmentVariable) {
        return new AnchorProperties(true, URI.create("http://127.0.0.1:8545"), 1337L, file, environmentVariable,
                null, Duration.ofHours(1), 100, 12, Duration.ofSeconds(15), Duration.ofMinutes(30), 100_000,
                BigInteger.valueOf(200_000_000_000L), null, Duration.ofMinutes(5));
    }
}
