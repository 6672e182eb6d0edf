package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service over TLS as docs/operations.md describes it: a PKCS#12 keystore as an SSL bundle, here with a
 * self-signed certificate for {@code localhost} made by the running JDK's {@code keytool}. A client that trusts that
 * certificate gets its answers, with {@code Strict-Transport-Security}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tls;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/tls/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/tls/witness-${random.uuid}.checkpoint",
        "server.ssl.bundle=web",
        "spring.ssl.bundle.jks.web.keystore.type=PKCS12",
        "spring.ssl.bundle.jks.web.keystore.password=" + TlsTest.STORE_PASSWORD
})
class TlsTest {

    /** Protects a throwaway keystore that lives for this test only. */
    static final String STORE_PASSWORD = "test-only-keystore";
    private static Path directory;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry registry) throws Exception {
        directory = Files.createTempDirectory("incident-ledger-tls");
        Path keystore = directory.resolve("server.p12");
        keytool("-genkeypair", "-alias", "incident-ledger", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "incident-ledger", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", directory.resolve("server.pem").toString());
        registry.add("spring.ssl.bundle.jks.web.keystore.location", () -> "file:" + keystore);
    }

    @AfterAll
    static void removeKeystore() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void anAnswerOverTlsCarriesHsts() throws Exception {
        HttpResponse<String> listed = https().send(request("/api/incidents")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("responder:responder".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = https().send(request("/api/incidents").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=31536000");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=31536000");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).GET();
    }

    /** A client that trusts the test's certificate, and nothing else. */
    private static HttpClient https() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(directory.resolve("server.pem"))) {
            trusted.setCertificateEntry("incident-ledger",
                    CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = Stream.concat(Stream.of(keytool.toString()), Stream.of(arguments)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
