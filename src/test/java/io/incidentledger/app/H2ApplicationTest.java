package io.incidentledger.app;

import io.incidentledger.testing.FortaScanNodes;
import org.springframework.boot.test.context.SpringBootTest;

/** The response-team flows on the embedded default database (H2, in memory for the test). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:flows;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint",
        "incident-ledger.detection.forta.scan-nodes[0].name=scan-node-1",
        "incident-ledger.detection.forta.scan-nodes[0].address=" + FortaScanNodes.ADDRESS
})
class H2ApplicationTest extends IncidentApplicationFlows {
}
