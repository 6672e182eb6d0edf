package io.incidentledger.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on the in-memory H2 database {@code flows}, with the demo users and one Forta scan node, on a random
 * port. Every test class that carries this annotation, and nothing else that changes the context, shares one Spring
 * context: two contexts would both write the one database.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:flows;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint",
        "incident-ledger.detection.forta.scan-nodes[0].name=scan-node-1",
        "incident-ledger.detection.forta.scan-nodes[0].address=" + FortaScanNodes.ADDRESS
})
public @interface FlowsApplicationTest {
}
