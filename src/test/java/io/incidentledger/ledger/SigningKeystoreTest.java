package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.ledger.log.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's first key read from a PKCS#12 keystore made by the JDK's own keytool, its password from the environment
 * variable the settings name; and the start-up errors for a wrong password, a missing entry or variable, and a key
 * that is not Ed25519, none of which shows the password.
 */
class SigningKeystoreTest {

    private static final String ORIGIN = "ledger.example.com/incidents";
    private static final String PASSWORD = "s3cret-keystore-pass";
    private static final String VARIABLE = "LEDGER_KEYSTORE_PASSWORD";

    @TempDir
    Path directory;

    @Test
    void anEd25519KeyMadeByKeytoolSignsCheckpointsThatItsCertificatesPublicKeyVerifies() throws Exception {
        Path keystore = keytool("Ed25519", "ledger");

        NoteSigner signer = LedgerConfiguration.firstKey(properties(keystore, "ledger"),
                Map.of(VARIABLE, PASSWORD)::get);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        byte[] spki = store.getCertificate("ledger").getPublicKey().getEncoded();
        byte[] certified = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] derived = Arrays.copyOfRange(Base64.getDecoder().decode(signer.verifierKey().split("\\+", 3)[2]),
                1, 33);
        assertThat(derived).isEqualTo(certified);
        assertThat(signer.keyName()).isEqualTo(ORIGIN);
        String text = ORIGIN + "\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
        assertThat(new NoteVerifier(signer.verifierKey()).verify(signer.sign(text))).isEqualTo(text);
    }

    @Test
    void aWrongPasswordIsAClearStartupErrorThatDoesNotShowThePassword() throws Exception {
        Path keystore = keytool("Ed25519", "ledger");

        assertThatThrownBy(() -> LedgerConfiguration.firstKey(properties(keystore, "ledger"),
                Map.of(VARIABLE, "not-" + PASSWORD)::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keystore.toString())
                .hasMessageContaining("environment variable " + VARIABLE)
                .hasMessageEndingWith(": wrong password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aMissingPasswordVariableIsNamed() throws Exception {
        Path keystore = keytool("Ed25519", "ledger");

        assertThatThrownBy(() -> LedgerConfiguration.firstKey(properties(keystore, "ledger"), name -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("environment variable " + VARIABLE + ", which is not set");
    }

    @Test
    void aMissingEntryIsNamedWithTheEntriesThereAre() throws Exception {
        Path keystore = keytool("Ed25519", "ledger");

        assertThatThrownBy(() -> LedgerConfiguration.firstKey(properties(keystore, "log-key"),
                Map.of(VARIABLE, PASSWORD)::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no entry 'log-key'")
                .hasMessageContaining("[ledger]")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aKeyThatIsNotEd25519IsRefused() throws Exception {
        Path keystore = keytool("EC", "ledger");

        assertThatThrownBy(() -> LedgerConfiguration.firstKey(properties(keystore, "ledger"),
                Map.of(VARIABLE, PASSWORD)::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is a EC key, not an Ed25519 private key")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aMissingKeystoreIsAClearStartupError() {
        Path missing = directory.resolve("missing.p12");

        assertThatThrownBy(() -> LedgerConfiguration.firstKey(properties(missing, "ledger"),
                Map.of(VARIABLE, PASSWORD)::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing + " does not exist");
    }

    /**
     * Runs {@code keytool -genkeypair -keyalg <algorithm> -alias <alias> -storetype PKCS12 -keystore ledger.p12
     * -dname CN=ledger}, the command docs/operations.md gives, with the password on the command line instead of
     * typed.
     */
    private Path keytool(String algorithm, String alias) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        boolean present = Files.isExecutable(keytool);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("keytool is missing from the test JDK at " + keytool);
        }
        assumeTrue(present, "keytool is missing from the test JDK at " + keytool + ": run the tests with a full JDK");
        Path keystore = directory.resolve("ledger.p12");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-keyalg", algorithm,
                "-alias", alias, "-storetype", "PKCS12", "-keystore", keystore.toString(), "-dname", "CN=ledger",
                "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return keystore;
    }

    private LedgerProperties properties(Path keystore, String alias) {
        return new LedgerProperties(ORIGIN, ORIGIN, directory.resolve("unused.key"), false, keystore, alias, VARIABLE,
                directory.resolve("witness"), Duration.ofMillis(100), Duration.ofSeconds(1), 1000, Duration.ofSeconds(10),
                Duration.ofSeconds(60), null);
    }
}
