package io.incidentledger.detection.ingest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.incidentledger.detection.DetectionProperties;
import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.ingest.forta.FortaProperties;
import io.incidentledger.detection.ingest.forta.ScanNodeAuthenticator;
import io.incidentledger.detection.ingest.ozmonitor.OzMonitorConfiguration;
import io.incidentledger.detection.ingest.ozmonitor.OzMonitorProperties;
import io.incidentledger.detection.web.Detections;
import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.FortaScanNodes;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import io.incidentledger.web.RequestSizeLimitFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web slice of the Forta and OpenZeppelin Monitor ingest endpoints (one cached context): their controllers with
 * the real security chain, exception handler, raw-body digest, {@link Detections} and {@link BatchCorrelator}, the
 * correlator mocked, batches of at most 5 Forta alerts and 1 MiB, Stellar-sized OZ Monitor matches up to 8 MiB, a fixed
 * clock at {@link #NOW}, the users of {@link TestUsers} (one per role, password {@code <name>-pw}), and the OZ
 * Monitor secret {@link #SECRET} with one monitor mapped, and one Forta scan node, {@link #SCAN_NODE}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(controllers = {
        io.incidentledger.detection.ingest.forta.FortaController.class,
        io.incidentledger.detection.ingest.forta.FortaBatchController.class,
        io.incidentledger.detection.ingest.ozmonitor.OzMonitorController.class})
@Import({SecurityConfiguration.class, ProblemResponseWriter.class, RequestSizeLimitFilter.class, Detections.class,
        BatchCorrelator.class, OzMonitorConfiguration.class, ScanNodeAuthenticator.class,
        IngestApiSlice.FixedClock.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class, OzMonitorProperties.class,
        FortaProperties.class, DetectionProperties.class})
@MockitoBean(types = DetectionCorrelator.class)
@TestPropertySource(properties = {
        "incident-ledger.api.max-request-bytes=65536",
        TestUsers.ONE_PER_ROLE,
        "incident-ledger.detection.openzeppelin-monitor.secret=" + IngestApiSlice.SECRET,
        "incident-ledger.detection.openzeppelin-monitor.tolerance=5m",
        "incident-ledger.detection.openzeppelin-monitor.max-request-bytes=8388608",
        "incident-ledger.api.max-batch-request-bytes=1048576",
        "incident-ledger.detection.forta.max-batch-size=5",
        "incident-ledger.detection.correlation-window=1h",
        "incident-ledger.detection.forta.scan-nodes[0].name=local-node",
        "incident-ledger.detection.forta.scan-nodes[0].address=" + IngestApiSlice.SCAN_NODE,
        "incident-ledger.detection.openzeppelin-monitor.monitors[large-transfer-of-usdc-token].severity=HIGH",
        "incident-ledger.detection.openzeppelin-monitor.monitors[large-transfer-of-usdc-token].category="
                + "FRAUDULENT_TRANSACTION",
        "incident-ledger.detection.openzeppelin-monitor.defaults.severity=MEDIUM",
        "incident-ledger.detection.openzeppelin-monitor.defaults.category=OTHER",
})
public @interface IngestApiSlice {

    Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    String SECRET = "oz-test-secret";
    /** The address of the test scan node's key (testing.FortaScanNodes). */
    String SCAN_NODE = FortaScanNodes.ADDRESS;

    @TestConfiguration(proxyBeanMethods = false)
    class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
