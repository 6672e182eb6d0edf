package io.incidentledger.compliance.web;

import org.springframework.boot.test.context.SpringBootTest;

/** The compliance flows on the embedded default database (H2, in memory for the test). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:compliance;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        // the demo profile and NIS2, whose month has a grace running to the end of a day
        "incident-ledger.compliance.organisation.regimes=DORA,GDPR,NYDFS,NIS2",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/compliance-h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/compliance-h2/witness-${random.uuid}.checkpoint"
})
class H2ComplianceApplicationTest extends ComplianceApplicationFlows {
}
